import type { Static } from '@sinclair/typebox';
import type { SqlAnswerSchema, SqlTablesAnswer } from '../../../src/schemas/analytics.js';

/** The ad-hoc SQL answers, typed from the API's schemas (type-only: nothing of the server is bundled). */
export type SqlAnswer = Static<typeof SqlAnswerSchema>;
export type SqlColumn = SqlAnswer['columns'][number];
export type SqlTables = Static<typeof SqlTablesAnswer>;
export type SqlTable = SqlTables['tables'][number];
