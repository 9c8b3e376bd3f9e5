import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { textFrame } from '../../../src/realtime/websocket-frame.js';

/** `ws`'s own frame parser, as a client uses it (its type declarations omit the class). */
const { Receiver } = ws as unknown as {
  Receiver: new (options: {
    isServer: boolean;
  }) => NodeJS.WritableStream & {
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  };
};

function parse(frames: Buffer): Array<{ text: string; isBinary: boolean }> {
  const receiver = new Receiver({ isServer: false });
  const messages: Array<{ text: string; isBinary: boolean }> = [];
  receiver.on('message', (data, isBinary) => messages.push({ text: data.toString('utf8'), isBinary }));
  receiver.write(frames);
  return messages;
}

describe('textFrame', () => {
  // The three payload-length encodings of RFC 6455 §5.2: 7 bits, 16 bits and 64 bits.
  it.each([0, 125, 126, 65_535, 65_536, 200_000])(
    'frames a %i-byte payload a client reads back as one text message',
    (size) => {
      const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2);
      const messages = parse(textFrame(Buffer.from(text, 'utf8')));
      expect(messages).toEqual([{ text, isBinary: false }]);
    },
  );

  it('builds a frame that can be written to many sockets: consecutive copies read as consecutive messages', () => {
    const frame = textFrame(Buffer.from('{"event":"order.created"}', 'utf8'));
    const messages = parse(Buffer.concat([frame, frame, frame]));
    expect(messages.map((message) => message.text)).toEqual(Array(3).fill('{"event":"order.created"}'));
  });
});
