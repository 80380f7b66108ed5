/**
 * A small Protocol Buffers (proto3) codec driven by message descriptors, for
 * the handful of messages the plugin protocol needs. Written from the wire
 * format's rules: varints (wire type 0) for bool, enum and int64;
 * length-delimited fields (wire type 2) for strings, bytes, messages and map
 * entries (a message with key = 1, value = 2).
 */

export type Scalar = "string" | "bytes" | "bool" | "int64" | "enum";

export interface FieldDescriptor {
  readonly no: number;
  readonly name: string;
  /** A scalar, or a message given lazily (descriptors refer to each other). */
  readonly type: Scalar | (() => MessageDescriptor);
  readonly repeated?: boolean;
  /** A `map<string, type>` field. */
  readonly map?: boolean;
  /** A member of a `oneof`: a set member goes on the wire even at its default (list index 0). */
  readonly oneof?: boolean;
}

export type MessageDescriptor = readonly FieldDescriptor[];

/** A decoded message: field names to values; absent fields are absent. */
export type Message = { [field: string]: unknown };

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Writer {
  private readonly parts: Buffer[] = [];
  /** Varint bytes since the last length-delimited field, gathered into one buffer when it comes. */
  private pending: number[] = [];

  varint(value: number | bigint): void {
    // Tags, lengths and most numbers are small and non-negative: plain arithmetic, no BigInt.
    if (typeof value === "number" && value >= 0 && Number.isSafeInteger(value)) {
      let v = value;
      while (v >= 0x80) {
        this.pending.push((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
      }
      this.pending.push(v);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      this.pending.push(byte);
    } while (v > 0n);
  }

  tag(no: number, wireType: number): void {
    this.varint((no << 3) | wireType);
  }

  bytes(data: Buffer): void {
    this.varint(data.length);
    this.flush();
    this.parts.push(data);
  }

  finish(): Buffer {
    this.flush();
    return Buffer.concat(this.parts);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(Buffer.from(this.pending));
    this.pending = [];
  }
}

export function encode(descriptor: MessageDescriptor, message: Message): Buffer {
  const w = new Writer();
  for (const field of descriptor) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.map) {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        const inner = new Writer();
        inner.tag(1, LENGTH_DELIMITED);
        inner.bytes(Buffer.from(key, "utf8"));
        writeValue(inner, 2, field.type, entry);
        w.tag(field.no, LENGTH_DELIMITED);
        w.bytes(inner.finish());
      }
    } else if (field.repeated) {
      for (const item of value as unknown[]) writeValue(w, field.no, field.type, item);
    } else if (field.oneof || !isDefault(field.type, value)) {
      writeValue(w, field.no, field.type, value);
    }
  }
  return w.finish();
}

/** proto3 leaves scalar fields at their default off the wire (internal helper). */
function isDefault(type: FieldDescriptor["type"], value: unknown): boolean {
  if (typeof type === "function") return false;
  if (type === "bool") return value === false;
  if (type === "string") return value === "";
  if (type === "bytes") return (value as Buffer).length === 0;
  return value === 0;
}

function writeValue(w: Writer, no: number, type: FieldDescriptor["type"], value: unknown): void {
  if (typeof type === "function") {
    w.tag(no, LENGTH_DELIMITED);
    w.bytes(encode(type(), value as Message));
  } else if (type === "string") {
    w.tag(no, LENGTH_DELIMITED);
    w.bytes(Buffer.from(value as string, "utf8"));
  } else if (type === "bytes") {
    w.tag(no, LENGTH_DELIMITED);
    w.bytes(value as Buffer);
  } else {
    w.tag(no, VARINT);
    w.varint(type === "bool" ? (value ? 1 : 0) : (value as number));
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error("protobuf: truncated varint");
      const byte = this.buf[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  /** A varint known to be small (a tag, a length): plain arithmetic up to 2^53, else the BigInt path. */
  smallVarint(): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.buf.length) throw new Error("protobuf: truncated varint");
      const byte = this.buf[this.pos++];
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 0x80;
    }
    this.pos = start;
    return Number(this.varint());
  }

  bytes(): Buffer {
    const length = this.smallVarint();
    if (this.pos + length > this.buf.length) throw new Error("protobuf: truncated field");
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.pos += 8;
    else if (wireType === LENGTH_DELIMITED) this.bytes();
    else if (wireType === FIXED32) this.pos += 4;
    else throw new Error(`protobuf: unsupported wire type ${wireType}`);
  }
}

export function decode(descriptor: MessageDescriptor, data: Buffer): Message {
  const byNumber = new Map(descriptor.map((f) => [f.no, f]));
  const out: Message = {};
  const r = new Reader(data);
  while (!r.done) {
    const tag = r.smallVarint();
    const field = byNumber.get(tag >>> 3);
    const wireType = tag & 7;
    if (!field) {
      r.skip(wireType);
      continue;
    }
    if (field.map) {
      const entry = decode([{ no: 1, name: "key", type: "string" }, { no: 2, name: "value", type: field.type }], r.bytes());
      const map = (out[field.name] ??= {}) as Record<string, unknown>;
      map[entry.key as string] = entry.value ?? defaultOf(field.type);
    } else if (field.repeated) {
      ((out[field.name] ??= []) as unknown[]).push(readValue(r, field.type));
    } else {
      out[field.name] = readValue(r, field.type);
    }
  }
  return out;
}

function defaultOf(type: FieldDescriptor["type"]): unknown {
  if (typeof type === "function") return {};
  if (type === "string") return "";
  if (type === "bytes") return Buffer.alloc(0);
  if (type === "bool") return false;
  return 0;
}

function readValue(r: Reader, type: FieldDescriptor["type"]): unknown {
  if (typeof type === "function") return decode(type(), r.bytes());
  if (type === "string") return r.bytes().toString("utf8");
  if (type === "bytes") return Buffer.from(r.bytes());
  const v = r.varint();
  if (type === "bool") return v !== 0n;
  return Number(BigInt.asIntN(64, v));
}
