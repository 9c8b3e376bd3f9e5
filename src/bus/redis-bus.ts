import { Redis } from 'ioredis';
import type { DeadLetter, Delivery, EventBus, PublishedEvent, ReadOptions, TailBatch } from './event-bus.js';

export interface RedisBusOptions {
  url: string;
  /** The stream key; the dead-letter stream is `<stream>:dead`. */
  stream: string;
  /** Approximate number of entries the stream keeps (XADD MAXLEN ~). */
  maxLength: number;
  /** A pending message idle this long belongs to a consumer presumed dead and is reclaimed (XAUTOCLAIM). */
  claimIdleMs?: number;
}

/** Stream entries are flat field lists: [field, value, field, value, ...]. */
type StreamEntry = [id: string, fields: string[]];

/**
 * Redis Streams bus. Producers XADD one field, `event`, holding the JSON envelope (docs/events.md),
 * so foreign systems publish the same way Brigade's relay does. Consumer groups read with XREADGROUP,
 * acknowledge with XACK, and take over the pending messages of consumers that died with XAUTOCLAIM.
 * Dead letters go to `<stream>:dead` with the group, reason, attempts and the original message.
 * Blocking reads each get their own connection, so one consumer waiting never delays another's commands.
 */
export class RedisBus implements EventBus {
  readonly kind = 'redis' as const;
  readonly carriesEvents = true;
  private readonly commands: Redis;
  private readonly blocking = new Map<string, Redis>();
  private readonly groups = new Set<string>();
  private readonly claimCursors = new Map<string, string>();
  /** Consumers that have re-read their own pending messages since this process started. */
  private readonly recovered = new Set<string>();
  private readonly deadStream: string;
  private readonly claimIdleMs: number;

  constructor(private readonly options: RedisBusOptions) {
    this.commands = this.connect();
    this.deadStream = `${options.stream}:dead`;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
  }

  private connect(): Redis {
    // Commands queue while Redis is down and run when it is back; callers see errors only after
    // the retry budget, and the relay and consumers retry on their own.
    const connection = new Redis(this.options.url, { maxRetriesPerRequest: 3, lazyConnect: false });
    // While Redis is down every reconnect attempt emits 'error'; the commands waiting on it fail too,
    // and their callers (relay, consumers, hub) log and retry. Unlistened, ioredis prints each attempt.
    connection.on('error', () => {});
    return connection;
  }

  private connectionFor(name: string): Redis {
    let connection = this.blocking.get(name);
    if (!connection) {
      connection = this.connect();
      this.blocking.set(name, connection);
    }
    return connection;
  }

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.commands.pipeline();
    for (const event of events) {
      const { log_position, ...envelope } = event;
      pipeline.xadd(
        this.options.stream,
        'MAXLEN',
        '~',
        this.options.maxLength,
        '*',
        'event',
        JSON.stringify(envelope),
        'log_position',
        String(log_position),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  private async ensureGroup(group: string): Promise<void> {
    if (this.groups.has(group)) return;
    try {
      // A new group starts at the beginning of what the stream still holds.
      await this.commands.xgroup('CREATE', this.options.stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
    this.groups.add(group);
  }

  async read(group: string, consumer: string, options: ReadOptions): Promise<Delivery[]> {
    await this.ensureGroup(group);
    const stream = this.options.stream;
    const key = `${group}\u0000${consumer}`;
    // After a restart under the same name, first finish what this consumer had been given.
    if (!this.recovered.has(key)) {
      const own = (await this.commands.xreadgroup(
        'GROUP',
        group,
        consumer,
        'COUNT',
        options.max,
        'STREAMS',
        stream,
        '0',
      )) as [string, StreamEntry[]][] | null;
      const entries = own?.[0]?.[1] ?? [];
      if (entries.length < options.max) this.recovered.add(key);
      if (entries.length > 0) return entries.map(toDelivery);
    }
    // Then messages abandoned by consumers that stopped acknowledging (dead ones).
    const claimed = (await this.commands.xautoclaim(
      stream,
      group,
      consumer,
      this.claimIdleMs,
      this.claimCursors.get(group) ?? '0-0',
      'COUNT',
      options.max,
    )) as [string, (StreamEntry | null)[], string[]?];
    this.claimCursors.set(group, claimed[0]);
    const reclaimed = claimed[1].filter((entry): entry is StreamEntry => entry !== null);
    if (reclaimed.length > 0) return reclaimed.map(toDelivery);
    // Then new messages, waiting up to blockMs.
    const args: (string | number)[] = ['GROUP', group, consumer, 'COUNT', options.max];
    if (options.blockMs > 0) args.push('BLOCK', options.blockMs);
    const connection = options.blockMs > 0 ? this.connectionFor(`group:${key}`) : this.commands;
    const fresh = (await connection.xreadgroup(
      ...(args as ['GROUP', string, string, 'COUNT', number]),
      'STREAMS',
      stream,
      '>',
    )) as [string, StreamEntry[]][] | null;
    return (fresh?.[0]?.[1] ?? []).map(toDelivery);
  }

  async ack(group: string, _consumer: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.commands.xack(this.options.stream, group, ...ids);
  }

  async deadLetter(
    group: string,
    _consumer: string,
    delivery: Delivery,
    reason: string,
    attempts: number,
  ): Promise<void> {
    await this.commands
      .multi()
      .xadd(
        this.deadStream,
        'MAXLEN',
        '~',
        this.options.maxLength,
        '*',
        'group',
        group,
        'message_id',
        delivery.id,
        'reason',
        reason,
        'attempts',
        String(attempts),
        'body',
        delivery.body,
        'dead_at',
        new Date().toISOString(),
      )
      .xack(this.options.stream, group, delivery.id)
      .exec();
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const entries = (await this.commands.xrevrange(
      this.deadStream,
      '+',
      '-',
      'COUNT',
      limit,
    )) as StreamEntry[];
    return entries.map(([, fields]) => {
      const field = fieldMap(fields);
      return {
        group: field.get('group') ?? '',
        messageId: field.get('message_id') ?? '',
        body: field.get('body') ?? '',
        reason: field.get('reason') ?? '',
        attempts: Number(field.get('attempts') ?? 0),
        deadAt: field.get('dead_at') ?? '',
      };
    });
  }

  async lag(group: string): Promise<number> {
    await this.ensureGroup(group);
    const groups = (await this.commands.xinfo('GROUPS', this.options.stream)) as (string | number | null)[][];
    for (const info of groups) {
      const field = new Map<string, string | number | null>();
      for (let i = 0; i + 1 < info.length; i += 2) field.set(String(info[i]), info[i + 1] ?? null);
      if (field.get('name') !== group) continue;
      // Redis 7 reports entries not yet delivered as `lag` (null when trimming made it unknowable);
      // delivered-but-unacknowledged ones are `pending`.
      const lag = field.get('lag');
      return Number(field.get('pending') ?? 0) + (typeof lag === 'number' ? lag : 0);
    }
    return 0;
  }

  async tail(cursor: string | null, options: ReadOptions): Promise<TailBatch> {
    const from = cursor ?? (await this.lastId());
    const args: (string | number)[] = ['COUNT', options.max];
    if (options.blockMs > 0) args.push('BLOCK', options.blockMs);
    const connection = options.blockMs > 0 ? this.connectionFor('tail') : this.commands;
    const result = (await connection.xread(
      ...(args as ['COUNT', number]),
      'STREAMS',
      this.options.stream,
      from,
    )) as [string, StreamEntry[]][] | null;
    const entries = result?.[0]?.[1] ?? [];
    return {
      messages: entries.map(([id, fields]) => ({
        id,
        body: bodyOf(fields),
        logPosition: logPositionOf(fields),
      })),
      cursor: entries[entries.length - 1]?.[0] ?? from,
    };
  }

  async newest(): Promise<{ id: string; logPosition: number | null } | null> {
    const [entry] = (await this.commands.xrevrange(
      this.options.stream,
      '+',
      '-',
      'COUNT',
      1,
    )) as StreamEntry[];
    if (!entry) return null;
    return { id: entry[0], logPosition: logPositionOf(entry[1]) };
  }

  private async lastId(): Promise<string> {
    const newest = (await this.commands.xrevrange(
      this.options.stream,
      '+',
      '-',
      'COUNT',
      1,
    )) as StreamEntry[];
    return newest[0]?.[0] ?? '0-0';
  }

  async close(): Promise<void> {
    const connections = [this.commands, ...this.blocking.values()];
    this.blocking.clear();
    // disconnect() rather than quit(): a blocked XREAD would otherwise hold quit until it times out.
    for (const connection of connections) connection.disconnect();
  }
}

function fieldMap(fields: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i] as string, fields[i + 1] as string);
  return map;
}

function toDelivery([id, fields]: StreamEntry): Delivery {
  return { id, body: bodyOf(fields) };
}

/** The outbox log position the relay wrote with the entry; null for a foreign producer's entry. */
function logPositionOf(fields: string[]): number | null {
  const position = Number(fieldMap(fields).get('log_position') ?? Number.NaN);
  return Number.isSafeInteger(position) && position > 0 ? position : null;
}

/** The envelope of an entry; an entry without an `event` field is passed on whole, to be dead-lettered. */
function bodyOf(fields: string[]): string {
  const map = fieldMap(fields);
  return map.get('event') ?? JSON.stringify(Object.fromEntries(map));
}
