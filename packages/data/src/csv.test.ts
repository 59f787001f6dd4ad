import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import { readCsv } from "./index.js";

describe("readCsv", () => {
  test("a header and rows: a [rows, columns] tensor in the default float dtype, and the names", () => {
    const { data, columns } = readCsv("x,y\n1,2\n3,4.5\n");
    expect(columns).toEqual(["x", "y"]);
    expect(data.dtype).toBe("float32");
    expect(data.tolist()).toEqual([[1, 2], [3, 4.5]]);
  });

  test("header 'auto' (the default) finds no header in a numeric first line; header: false forces none", () => {
    expect(readCsv("1,2\n3,4").columns).toBeNull();
    expect(readCsv("1,2\n3,4").data.shape).toEqual([2, 2]);
    expect(() => readCsv("a,b\n1,2", { header: false })).toThrow('readCsv: line 1, column 1: "a" is not a number');
    expect(readCsv("10,20\n1,2", { header: true }).columns).toEqual(["10", "20"]);
  });

  test("delimiter, dtype, CRLF line ends, blank lines, quotes, nan/inf and exponents", () => {
    const text = '"a;b";"say ""hi"""\r\n\r\n1;-2\r\n 3e2 ;inf\r\n';
    const { data, columns } = readCsv(text, { delimiter: ";", dtype: torch.float64 });
    expect(columns).toEqual(["a;b", 'say "hi"']);
    expect(data.dtype).toBe("float64");
    expect(data.tolist()).toEqual([[1, -2], [300, Infinity]]);
    expect(Number.isNaN((readCsv("NaN,1").data.tolist() as number[][])[0]?.[0])).toBe(true);
    expect(readCsv("1\t2", { delimiter: "\t", dtype: torch.int64 }).data.tolist()).toEqual([[1, 2]]);
  });

  test("law: a table written with join(',') reads back (float64)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(fc.double({ noNaN: true }), { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        (rows) => {
          const text = rows.map((r) => r.map((v) => (Object.is(v, -0) ? "-0" : String(v))).join(",")).join("\n");
          const { data } = readCsv(text, { header: false, dtype: torch.float64 });
          expect(data.tolist()).toEqual(rows);
        },
      ),
    );
  });

  test("errors name the line (and the column)", () => {
    expect(() => readCsv("x,y\n1,2\n\n3\n")).toThrow("readCsv: line 4 has 1 fields, expected 2 (as the header)");
    expect(() => readCsv("1,2\n3,4,5")).toThrow("readCsv: line 2 has 3 fields, expected 2 (as line 1)");
    expect(() => readCsv("x\n1\n2x")).toThrow('readCsv: line 3, column 1: "2x" is not a number');
    expect(() => readCsv("x,y\n1,")).toThrow('readCsv: line 2, column 2: "" is not a number');
    expect(() => readCsv("1,2.5", { dtype: torch.int32 })).toThrow('line 1, column 2: "2.5" is not an integer (dtype int32)');
    expect(() => readCsv('"a,1')).toThrow("readCsv: line 1: unterminated quoted field");
    expect(() => readCsv('"a"b,1')).toThrow("line 1: unexpected text after a quoted field");
    expect(() => readCsv("1,2", { delimiter: "" })).toThrow(torch.ValueError);
  });

  test("no rows: an empty [0, columns] tensor", () => {
    expect(readCsv("a,b,c\n").data.shape).toEqual([0, 3]);
    expect(readCsv("").data.shape).toEqual([0, 0]);
  });
});
