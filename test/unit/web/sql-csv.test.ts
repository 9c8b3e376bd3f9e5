import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../web/src/sql/sql-csv.js';

describe('toCsv', () => {
  it('writes a header and one CRLF-ended line per row', () => {
    expect(
      toCsv(
        ['location', 'orders'],
        [
          ['Queen St', '12'],
          ['King St', 3],
        ],
      ),
    ).toBe('location,orders\r\nQueen St,12\r\nKing St,3\r\n');
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['1, King', 'say "hi"', 'two\nlines', 'cr\rhere']])).toBe(
      'a,b,c,d\r\n"1, King","say ""hi""","two\nlines","cr\rhere"\r\n',
    );
    expect(toCsv(['odd, name'], [])).toBe('"odd, name"\r\n');
  });

  it('writes NULL as an empty field, booleans and numbers as text, lists and structs as JSON', () => {
    expect(toCsv(['n', 'b', 'x', 'list', 'struct'], [[null, true, 1.5, [1, 2], { k: 'v' }]])).toBe(
      'n,b,x,list,struct\r\n,true,1.5,"[1,2]","{""k"":""v""}"\r\n',
    );
  });

  it('keeps leading and trailing spaces and empty strings as they are', () => {
    expect(toCsv(['a', 'b'], [['  padded ', '']])).toBe('a,b\r\n  padded ,\r\n');
  });

  it('fills missing trailing cells with empty fields so every line has the header width', () => {
    expect(toCsv(['a', 'b'], [['only']])).toBe('a,b\r\nonly,\r\n');
  });
});
