/**
 * `readCsv(text, { header, delimiter, dtype })`: a numeric CSV table as a 2-D tensor (rows ×
 * columns) and its column names. PyTorch has no CSV reader (its tutorials use pandas or NumPy's
 * `loadtxt`); this one is deliberately small: one record per line, fields optionally in double
 * quotes (`""` inside quotes is a quote), blank lines skipped, every value a number
 * (`nan`, `inf`, `-inf` accepted, any case). Errors name the line (1-based, blank lines counted).
 */
import type { DType, Tensor } from "@typetorch/tensor-core";
import { ValueError, getDefaultDtype, isFloatingPoint, tensor } from "@typetorch/tensor-core";

export interface ReadCsvOptions {
  /** Whether the first line holds column names; "auto" (default): when any of its fields is not a number. */
  header?: boolean | "auto";
  /** Field separator (default ","). */
  delimiter?: string;
  /** Result dtype (default: the default float dtype, float32). Integer dtypes require integral values. */
  dtype?: DType;
}

export interface Csv {
  /** Shape [rows, columns]. */
  data: Tensor;
  /** The header's names, or null without a header. */
  columns: string[] | null;
}

/** Splits one line into fields, honouring double quotes. */
function fields(line: string, delimiter: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new ValueError(`readCsv: line ${lineNo}: unterminated quoted field`);
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] !== '"') break;
        field += '"';
        i++;
      }
      if (i < line.length && !line.startsWith(delimiter, i)) {
        throw new ValueError(`readCsv: line ${lineNo}: unexpected text after a quoted field`);
      }
    } else {
      const d = line.indexOf(delimiter, i);
      field = line.slice(i, d < 0 ? line.length : d);
      i = d < 0 ? line.length : d;
    }
    out.push(field);
    if (i >= line.length) return out;
    i += delimiter.length;
    if (i === line.length) return [...out, ""];
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** A field as a number, or undefined when it is not one. */
function parseNumber(field: string): number | undefined {
  const s = field.trim();
  if (DECIMAL.test(s)) return Number(s);
  const m = SPECIAL.exec(s);
  if (!m) return undefined;
  if ((m[2] as string).toLowerCase() === "nan") return NaN;
  return m[1] === "-" ? -Infinity : Infinity;
}

/**
 * @example readCsv("x,y\n1,2\n3,4.5\n")   // { data: tensor([[1, 2], [3, 4.5]]) (float32), columns: ["x", "y"] }
 */
export function readCsv(text: string, options: ReadCsvOptions = {}): Csv {
  const delimiter = options.delimiter ?? ",";
  if (delimiter === "" || delimiter.includes('"') || /[\r\n]/.test(delimiter)) {
    throw new ValueError(`readCsv: invalid delimiter ${JSON.stringify(delimiter)}`);
  }
  const dtype = options.dtype ?? getDefaultDtype();
  const rows = text
    .split("\n")
    .map((line, i) => ({ lineNo: i + 1, line: line.endsWith("\r") ? line.slice(0, -1) : line }))
    .filter((r) => r.line.trim() !== "")
    .map((r) => ({ lineNo: r.lineNo, cells: fields(r.line, delimiter, r.lineNo) }));
  const first = rows[0];
  const header = options.header ?? "auto";
  const hasHeader = first !== undefined && (header === "auto" ? first.cells.some((c) => parseNumber(c) === undefined) : header);
  const columns = hasHeader ? (first as { cells: string[] }).cells.map((c) => c.trim()) : null;
  const body = hasHeader ? rows.slice(1) : rows;
  const width = columns?.length ?? body[0]?.cells.length ?? 0;
  const reference = hasHeader ? "the header" : `line ${body[0]?.lineNo ?? 1}`;
  const integral = !isFloatingPoint(dtype) && dtype !== "bool";
  const values = new Array<number>(body.length * width);
  body.forEach(({ lineNo, cells }, r) => {
    if (cells.length !== width) {
      throw new ValueError(`readCsv: line ${lineNo} has ${cells.length} fields, expected ${width} (as ${reference})`);
    }
    cells.forEach((cell, c) => {
      const v = parseNumber(cell);
      if (v === undefined) throw new ValueError(`readCsv: line ${lineNo}, column ${c + 1}: ${JSON.stringify(cell)} is not a number`);
      if (integral && !Number.isInteger(v)) {
        throw new ValueError(`readCsv: line ${lineNo}, column ${c + 1}: ${JSON.stringify(cell)} is not an integer (dtype ${dtype})`);
      }
      values[r * width + c] = v;
    });
  });
  return { data: tensor(values, { dtype }).reshape(body.length, width), columns };
}
