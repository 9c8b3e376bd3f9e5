import * as ws from 'ws';

/** `ws`'s frame encoder; static so one frame can be built for many sockets (its type declarations omit it). */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}

const TEXT_OPCODE = 1;

/**
 * A complete, unmasked, uncompressed WebSocket text frame (RFC 6455 §5.2) holding `payload`, the UTF-8
 * JSON of a feed message. Server frames are never masked, so the same bytes suit every client: a
 * broadcast builds the frame once and writes it to each socket, instead of `ws` framing it per socket.
 */
export function textFrame(payload: Buffer): Buffer {
  return Buffer.concat(
    Sender.frame(payload, { fin: true, rsv1: false, opcode: TEXT_OPCODE, mask: false, readOnly: false }),
  );
}
