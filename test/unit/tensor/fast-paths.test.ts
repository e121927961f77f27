// The fast paths of the elementwise core give the same bits as the plain loops they replace:
// the WebAssembly kernels (wasm-kernels.ts) against the JavaScript loops of each op's formula
// (runners.ts) and, for exp, log and tanh, against V8's Math functions; runs with a scalar
// operand and powers with exponent 2 or −1 against Math.pow; the batched sigmoid and softmax
// against their element-by-element formulas. Runs are long (thousands of
// values), so every fast path is taken; special values sit among ordinary ones.
import { describe, expect, it } from "vitest";
import { sigmoid, softmax } from "../../../src/models";
import * as gb from "../../../src/tensor";
import { Binary, Unary } from "../../../src/tensor/elementwise/codes";
import { BINARY_RUNNERS, UNARY_RUNNERS } from "../../../src/tensor/elementwise/runners";
import { wasmBinary, wasmUnary } from "../../../src/tensor/elementwise/wasm-kernels";

/** Deterministic values: a linear congruential generator scaled to [−scale, scale). */
function values(n: number, scale: number, seed = 1): Float64Array {
  const out = new Float64Array(n);
  let state = seed;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

const SPECIALS = [
  0,
  -0,
  1,
  -1,
  Infinity,
  -Infinity,
  NaN,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  1e-300,
  2 ** -28,
  2 ** -27,
  -(2 ** -28),
  0.34657359027997264,
  0.3465735902799727,
  1.0397207708399179,
  1 + 2 ** -52,
  1 - 2 ** -53,
  708,
  -708,
  709.78,
  -745.2,
  710,
  -746,
  22,
  -22,
  21.999999,
  19.5,
];

/** Values in every range the kernels treat apart, with the special ones spread among them. */
function mixed(n: number): Float64Array {
  const out = new Float64Array(n);
  const scales = [1, 3, 30, 800, 1e-7, 1e-310, 2];
  for (let i = 0; i < n; i++) {
    out[i] =
      i % 97 === 0
        ? SPECIALS[(i / 97) % SPECIALS.length]
        : values(1, scales[i % scales.length], i + 7)[0];
  }
  return out;
}

/** Indices where `actual` and `expected` differ in bits (all NaNs count as equal). */
function differences(actual: ArrayLike<number>, expected: ArrayLike<number>): number[] {
  const found: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e))) found.push(i);
  }
  return found;
}

describe("WebAssembly kernels", () => {
  const x = mixed(60_000);
  const y = Float64Array.from(mixed(60_000).reverse());
  const positive = Float64Array.from(x, (v, i) => (i % 5 === 0 ? v : Math.abs(v) * 3));

  /** The op's JavaScript loop (the formula) over the same values: the oracle. */
  function jsUnary(code: Unary, input: Float64Array, low = 0, high = 0): Float64Array {
    const out = new Float64Array(input.length);
    UNARY_RUNNERS[code](low, high, input.length, out, 0, 1, input, 0, 1);
    return out;
  }

  for (const [name, f] of [
    ["Exp", Math.exp],
    ["Log", Math.log],
    ["Tanh", Math.tanh],
  ] as const) {
    it(`${name.toLowerCase()} returns Math.${name.toLowerCase()}'s bits for every value, specials included`, () => {
      const input = name === "Log" ? positive : x;
      const out = new Float64Array(input.length);
      expect(wasmUnary(Unary[name], 0, 0, input.length, out, 0, input, 0)).toBe(true);
      expect(differences(out, Array.from(input, f))).toEqual([]);
    });
  }

  it("every other unary op gives its JavaScript loop's bits", () => {
    for (const code of [
      Unary.Neg,
      Unary.Sqrt,
      Unary.Abs,
      Unary.Sign,
      Unary.Clip,
      Unary.Scale,
      Unary.Sigmoid,
    ]) {
      const out = new Float64Array(x.length);
      expect(wasmUnary(code, -0.5, 2, x.length, out, 0, x, 0)).toBe(true);
      expect(differences(out, jsUnary(code, x, -0.5, 2)), Unary[code]).toEqual([]);
    }
  });

  it("every binary op but pow gives its JavaScript loop's bits, with arrays or a scalar on either side", () => {
    const n = x.length;
    const scalars = new Float64Array([0.5, -0, NaN, Infinity]);
    for (const code of Object.values(Binary).filter((c): c is Binary => typeof c === "number")) {
      if (code === Binary.Pow) continue;
      for (const [as, bs, q] of [
        [1, 1, 0],
        [1, 0, 0],
        [0, 1, 0],
        [1, 0, 1],
        [1, 0, 2],
        [1, 0, 3],
      ]) {
        const b = bs === 1 ? y : scalars;
        const expected = new Float64Array(n);
        BINARY_RUNNERS[code](
          1e-5,
          1e-8,
          n,
          expected,
          0,
          1,
          as === 1 ? x : scalars,
          0,
          as,
          b,
          bs === 1 ? 0 : q,
          bs,
        );
        const out = new Float64Array(n);
        const done = wasmBinary(
          code,
          1e-5,
          1e-8,
          n,
          out,
          0,
          as === 1 ? x : scalars,
          0,
          as,
          b,
          bs === 1 ? 0 : q,
          bs,
        );
        expect(done).toBe(true);
        expect(differences(out, expected), `${Binary[code]} ${as}${bs}${q}`).toEqual([]);
      }
    }
  });

  it("works in place, at offsets, and on runs of any length", () => {
    for (const n of [1, 2, 3, 63, 64, 65, 4095, 4096, 4097, 9000]) {
      const buffer = mixed(n + 5);
      const expected = Array.from(buffer.subarray(3, 3 + n), Math.exp);
      wasmUnary(Unary.Exp, 0, 0, n, buffer, 3, buffer, 3);
      expect(differences(buffer.subarray(3, 3 + n), expected)).toEqual([]);
      const other = mixed(n + 5);
      const doubled = Array.from(other.subarray(2, 2 + n), (v) => v + v);
      wasmBinary(Binary.Add, 0, 0, n, other, 2, other, 2, 1, other, 2, 1);
      expect(differences(other.subarray(2, 2 + n), doubled)).toEqual([]);
    }
  });

  it("is what gb.exp, gb.log and gb.tanh return", () => {
    const t = gb.tensor(x);
    expect(differences(gb.exp(t).data, Array.from(x, Math.exp))).toEqual([]);
    expect(differences(gb.tanh(t).data, Array.from(x, Math.tanh))).toEqual([]);
    const p = gb.tensor(positive);
    expect(differences(gb.log(p).data, Array.from(positive, Math.log))).toEqual([]);
  });
});

describe("runs with a scalar operand", () => {
  const n = 5000;
  const x = values(n, 4);
  x[10] = NaN;
  x[11] = -0;
  x[12] = Infinity;
  const t = gb.tensor(x);
  const cases: [
    string,
    (a: gb.TensorLike, b: gb.TensorLike) => gb.Tensor,
    (a: number, b: number) => number,
  ][] = [
    ["sub", gb.sub, (a, b) => a - b],
    ["div", gb.div, (a, b) => a / b],
    ["pow", gb.pow, (a, b) => a ** b],
    ["maximum", gb.maximum, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b))],
    ["less", gb.less, (a, b) => Number(a < b)],
    ["greaterEqual", gb.greaterEqual, (a, b) => Number(a >= b)],
  ];

  for (const [name, op, f] of cases) {
    it(`${name} with the scalar on either side matches the element formula`, () => {
      for (const s of [0.5, -1.25, 0, NaN]) {
        expect(
          differences(
            op(t, s).data,
            Array.from(x, (v) => f(v, s)),
          ),
        ).toEqual([]);
        expect(
          differences(
            op(s, t).data,
            Array.from(x, (v) => f(s, v)),
          ),
        ).toEqual([]);
      }
    });
  }

  it("pow with exponent 2, −1 and 0.5 gives Math.pow's bits", () => {
    for (const exponent of [2, -1, 0.5, 3]) {
      expect(
        differences(
          gb.pow(t, exponent).data,
          Array.from(x, (v) => Math.pow(v, exponent)),
        ),
      ).toEqual([]);
    }
  });

  it("clip, where and in-place scaling on long runs match the element formulas", () => {
    expect(
      differences(
        gb.clip(t, -1, 2).data,
        Array.from(x, (v) => (v < -1 ? -1 : v > 2 ? 2 : v)),
      ),
    ).toEqual([]);
    const condition = gb.greater(t, 0);
    expect(
      differences(
        gb.where(condition, t, 0).data,
        Array.from(x, (v) => (v > 0 ? v : 0)),
      ),
    ).toEqual([]);
    const copy = t.clone();
    gb.mulInPlace(copy, 3);
    expect(
      differences(
        copy.data,
        Array.from(x, (v) => v * 3),
      ),
    ).toEqual([]);
  });
});

describe("batched sigmoid and softmax", () => {
  it("sigmoid has the bits of its element formula", () => {
    const z = mixed(20_001);
    const expected = Array.from(z, (v) => {
      if (v >= 0) return 1 / (1 + Math.exp(-v));
      const e = Math.exp(v);
      return e / (1 + e);
    });
    expect(differences(sigmoid(gb.tensor(z)).data, expected)).toEqual([]);
  });

  it("softmax has the bits of the row-by-row log-sum-exp, on either axis", () => {
    const K = 7;
    const z = values(700 * K, 20);
    z[3] = -Infinity;
    z[K * 5 + 2] = Infinity;
    z[K * 9 + 1] = NaN;
    for (let j = 0; j < K; j++) z[K * 11 + j] = -Infinity;
    const expected = new Float64Array(z.length);
    for (let start = 0; start < z.length; start += K) {
      let top = -Infinity;
      for (let j = start; j < start + K; j++) if (z[j] > top || Number.isNaN(z[j])) top = z[j];
      let lse = top;
      if (Number.isFinite(top)) {
        let total = 0;
        for (let j = start; j < start + K; j++) total += Math.exp(z[j] - top);
        lse = top + Math.log(total);
      }
      for (let j = start; j < start + K; j++) expected[j] = Math.exp(z[j] - lse);
    }
    const rows = gb.tensor(z, [700, K]);
    expect(differences(softmax(rows).data, expected)).toEqual([]);
    expect(differences(gb.tensor(softmax(rows.T, 0).T).data, expected)).toEqual([]);
  });
});

describe("broadcasts and sums in WebAssembly", () => {
  const rows = 3000;
  const width = 7;
  const X = gb.tensor(mixed(rows * width), [rows, width]);
  const row = gb.tensor(values(width, 2, 5));
  const column = gb.tensor(values(rows, 2, 9), [rows, 1]);
  const xs = X.data;

  it("a row or a column repeated, on either side, gives the element formula's bits", () => {
    const cases: [
      string,
      (a: gb.TensorLike, b: gb.TensorLike) => gb.Tensor,
      (a: number, b: number) => number,
    ][] = [
      ["sub", gb.sub, (a, b) => a - b],
      ["div", gb.div, (a, b) => a / b],
      [
        "maximum",
        gb.maximum,
        (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
      ],
      ["greater", gb.greater, (a, b) => Number(a > b)],
    ];
    for (const [name, op, f] of cases) {
      const r = (i: number) => row.data[i % width];
      const c = (i: number) => column.data[Math.floor(i / width)];
      const layouts = [
        ["row", op(X, row), (v: number, i: number) => f(v, r(i))],
        ["row first", op(row, X), (v: number, i: number) => f(r(i), v)],
        ["column", op(X, column), (v: number, i: number) => f(v, c(i))],
        ["column first", op(column, X), (v: number, i: number) => f(c(i), v)],
      ] as const;
      for (const [layout, actual, element] of layouts) {
        expect(differences(actual.data, Array.from(xs, element)), `${name} ${layout}`).toEqual([]);
      }
    }
  });

  /** numpy's pairwise summation as reduce-loops.ts writes it: the reference for the bits. */
  function pairwise(x: Float64Array, p: number, n: number): number {
    if (n > 128) return pairwise(x, p, n >> 1) + pairwise(x, p + (n >> 1), n - (n >> 1));
    let [s0, s1, s2, s3] = [0, 0, 0, 0];
    let i = 0;
    for (; i + 3 < n; i += 4, p += 4) {
      s0 += x[p];
      s1 += x[p + 1];
      s2 += x[p + 2];
      s3 += x[p + 3];
    }
    for (; i < n; i++, p++) s0 += x[p];
    return s0 + s1 + (s2 + s3);
  }

  it("sum of a long vector has the bits of the pairwise sum", () => {
    for (const n of [511, 512, 1000, 4096, 4097, 100_003]) {
      const x = values(n, 3, n);
      expect(gb.sum(gb.tensor(x)).item()).toBe(0 + pairwise(x, 0, n));
    }
  });

  it("column sums add the rows in order", () => {
    const expected = new Float64Array(width);
    for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) expected[j] += xs[i * width + j];
    expect(differences(gb.sum(X, 0).data, expected)).toEqual([]);
    const wide = gb.tensor(values(40 * 300, 1), [40, 300]);
    const sums = new Float64Array(300);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 300; j++) sums[j] += wide.data[i * 300 + j];
    expect(differences(gb.sum(wide, 0).data, sums)).toEqual([]);
  });
});
