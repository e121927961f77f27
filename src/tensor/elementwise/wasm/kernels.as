// AssemblyScript source of the WebAssembly elementwise kernels: the elementwise ops over
// buffers of float64, two values per f64x2 vector, each value bit for bit what the JS loops of
// ../runners.ts compute.
//
// - Arithmetic, comparisons, clip, abs, sqrt… (`binary`, `unary`, at the end): WebAssembly's
//   f64 operations are IEEE's, as JavaScript's are (max/min included: NaN if either is NaN,
//   −0 below +0), and no multiply-add is fused.
// - exp, log and tanh: V8 computes Math.exp, Math.log and Math.tanh with its port of fdlibm
//   (src/base/ieee754.cc); the kernels below are that same code with every branch turned into a
//   lane select, so each value goes through the same IEEE operations in the same order and
//   rounds the same. What is cheap in fdlibm and rare in data — NaN, infinities, zeros and
//   subnormals for log, overflow and underflow — goes to the host's own Math function for the
//   pair of values it is in (the `host*` imports).
//
// Compiled by scripts/build-wasm.mjs (SIMD128) into kernels-binary.generated.ts. The JS driver
// (../wasm-kernels.ts) copies a chunk of the operands into the module's memory at `BUFFER_A`
// (and `BUFFER_B`), calls a kernel, which writes its result over A, and copies it out. The file
// ends in `.as` so the project's tsc never sees it.

@external("env", "exp")
declare function hostExp(x: f64): f64;
@external("env", "log")
declare function hostLog(x: f64): f64;
@external("env", "tanh")
declare function hostTanh(x: f64): f64;

// fdlibm's constants (e_exp.c, e_log.c, s_expm1.c), bit patterns in the comments.
const LN2_HI: f64 = 6.93147180369123816490e-1; // 3fe62e42 fee00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 3dea39ef 35793c76
const INV_LN2: f64 = 1.4426950408889633870; // 3ff71547 652b82fe
const P1: f64 = 1.66666666666666019037e-1;
const P2: f64 = -2.77777777770155933842e-3;
const P3: f64 = 6.61375632143793436117e-5;
const P4: f64 = -1.65339022054652515390e-6;
const P5: f64 = 4.13813679705723846039e-8;
const E: f64 = 2.718281828459045;
const LG1: f64 = 6.666666666666735130e-1;
const LG2: f64 = 3.999999999940941908e-1;
const LG3: f64 = 2.857142874366239149e-1;
const LG4: f64 = 2.222219843214978396e-1;
const LG5: f64 = 1.818357216161805012e-1;
const LG6: f64 = 1.531383769920937332e-1;
const LG7: f64 = 1.479819860511658591e-1;
const Q1: f64 = -3.33333333333331316428e-2;
const Q2: f64 = 1.58730158725481460165e-3;
const Q3: f64 = -7.93650757867487942473e-5;
const Q4: f64 = 4.00821782732936239552e-6;
const Q5: f64 = -2.01099218183624371326e-7;

// fdlibm compares the high word of |x| with these; as doubles (high word, low word 0) the same
// tests are float comparisons: hx > H is |x| ≥ word(H + 1), hx < H is |x| < word(H).
const HALF_LN2_ABOVE: f64 = reinterpret<f64>(<u64>0x3fd62e43 << 32); // hx > 0x3fd62e42
const THREE_HALVES_LN2: f64 = reinterpret<f64>(<u64>0x3ff0a2b2 << 32); // hx < 0x3ff0a2b2
const TWO_M28: f64 = reinterpret<f64>(<u64>0x3e300000 << 32); // hx < 0x3e300000
// exp: beyond ±708 the scale 2^k leaves the normal range (k < −1021 or k = 1024): host.
const EXP_VECTOR_LIMIT: f64 = 708.0;
// tanh: |x| ≥ 22 is ±1 (hx ≥ 0x40360000); |x| ≥ 1 takes expm1(2|x|) (hx ≥ 0x3ff00000).
const TANH_ONE: f64 = 22.0;

// Values per chunk, and the two operand buffers the driver fills (the stub runtime keeps nothing
// in memory below them).
export const CHUNK: i32 = 4096;
export const BUFFER_A: usize = 65536;
export const BUFFER_B: usize = BUFFER_A + ((<usize>CHUNK) << 3);

@inline
function splat(x: f64): v128 {
  return f64x2.splat(x);
}

// a where mask, else b (lane-wise).
@inline
function select(mask: v128, a: v128, b: v128): v128 {
  return v128.bitselect(a, b, mask);
}

// 2^k for whole k held as doubles with −1022 < k < 1024: the exponent field built directly.
@inline
function twoTo(k: v128): v128 {
  const bits = i64x2.add(f64x2.add(k, splat(6755399441055744.0)), i64x2.splat(1023));
  return i64x2.shl(bits, 52);
}

// fdlibm's exp for lanes with |x| < 708 (e_exp.c; see the file comment).
@inline
function expVector(x: v128): v128 {
  const ax = f64x2.abs(x);
  const positive = f64x2.gt(x, splat(0));
  const half = select(f64x2.lt(x, splat(0)), splat(-0.5), splat(0.5));
  // k: 0 for |x| ≤ ln2/2, ±1 below 1.5·ln2, else (int)(x/ln2 ± 1/2).
  let k = f64x2.trunc(f64x2.add(f64x2.mul(splat(INV_LN2), x), half));
  k = select(f64x2.lt(ax, splat(THREE_HALVES_LN2)), select(positive, splat(1), splat(-1)), k);
  k = select(f64x2.lt(ax, splat(HALF_LN2_ABOVE)), splat(0), k);
  const hi = f64x2.sub(x, f64x2.mul(k, splat(LN2_HI)));
  const lo = f64x2.mul(k, splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(splat(P4), f64x2.mul(t, splat(P5)));
  p = f64x2.add(splat(P3), f64x2.mul(t, p));
  p = f64x2.add(splat(P2), f64x2.mul(t, p));
  p = f64x2.add(splat(P1), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(splat(2), c));
  const y = f64x2.sub(splat(1), f64x2.sub(f64x2.sub(lo, q), hi));
  let result = f64x2.mul(y, twoTo(k));
  result = select(f64x2.lt(ax, splat(TWO_M28)), f64x2.add(splat(1), x), result);
  return select(f64x2.eq(x, splat(1)), splat(E), result);
}

// fdlibm's log for lanes with 2^-1022 ≤ x < +∞ (e_log.c).
@inline
function logVector(x: v128): v128 {
  const hx = i64x2.shr_s(x, 32);
  const mantissaHigh = v128.and(hx, i64x2.splat(0x000fffff));
  const i = v128.and(i64x2.add(mantissaHigh, i64x2.splat(0x95f64)), i64x2.splat(0x100000));
  // x or x/2 normalized into [√2/2, √2): new high word, low word kept.
  const high = v128.or(mantissaHigh, v128.xor(i, i64x2.splat(0x3ff00000)));
  const normal = v128.or(i64x2.shl(high, 32), v128.and(x, i64x2.splat(0xffffffff)));
  const k = i64x2.add(i64x2.sub(i64x2.shr_s(hx, 20), i64x2.splat(1023)), i64x2.shr_s(i, 20));
  const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
  const f = f64x2.sub(normal, splat(1));
  const kHi = f64x2.mul(dk, splat(LN2_HI));
  const kLo = f64x2.mul(dk, splat(LN2_LO));
  // |f| < 2^-20: a short series.
  const tinyR = f64x2.mul(
    f64x2.mul(f, f),
    f64x2.sub(splat(0.5), f64x2.mul(splat(0.33333333333333333), f)),
  );
  const tiny = f64x2.sub(kHi, f64x2.sub(f64x2.sub(tinyR, kLo), f));
  const s = f64x2.div(f, f64x2.add(splat(2), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(
    w,
    f64x2.add(splat(LG2), f64x2.mul(w, f64x2.add(splat(LG4), f64x2.mul(w, splat(LG6))))),
  );
  const t2 = f64x2.mul(
    z,
    f64x2.add(
      splat(LG1),
      f64x2.mul(
        w,
        f64x2.add(splat(LG3), f64x2.mul(w, f64x2.add(splat(LG5), f64x2.mul(w, splat(LG7))))),
      ),
    ),
  );
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(f64x2.mul(splat(0.5), f), f);
  const sR = f64x2.mul(s, f64x2.add(hfsq, R));
  const wide = f64x2.sub(kHi, f64x2.sub(f64x2.sub(hfsq, f64x2.add(sR, kLo)), f));
  const narrow = f64x2.sub(
    kHi,
    f64x2.sub(f64x2.sub(f64x2.mul(s, f64x2.sub(f, R)), kLo), f),
  );
  const band = v128.or(
    i64x2.sub(mantissaHigh, i64x2.splat(0x6147a)),
    i64x2.sub(i64x2.splat(0x6b851), mantissaHigh),
  );
  const result = select(i64x2.gt_s(band, i64x2.splat(0)), wide, narrow);
  const fTiny = i64x2.lt_s(
    v128.and(i64x2.add(mantissaHigh, i64x2.splat(2)), i64x2.splat(0x000fffff)),
    i64x2.splat(3),
  );
  return select(fTiny, tiny, result);
}

// fdlibm's expm1 on the arguments tanh gives it, 2^-27 ≤ |u| < 44 (s_expm1.c).
@inline
function expm1Vector(u: v128): v128 {
  const au = f64x2.abs(u);
  const positive = f64x2.gt(u, splat(0));
  const half = select(positive, splat(0.5), splat(-0.5));
  let k = f64x2.trunc(f64x2.add(f64x2.mul(splat(INV_LN2), u), half));
  k = select(f64x2.lt(au, splat(THREE_HALVES_LN2)), select(positive, splat(1), splat(-1)), k);
  k = select(f64x2.lt(au, splat(HALF_LN2_ABOVE)), splat(0), k);
  const hi = f64x2.sub(u, f64x2.mul(k, splat(LN2_HI)));
  const lo = f64x2.mul(k, splat(LN2_LO));
  const x = f64x2.sub(hi, lo);
  const c = f64x2.sub(f64x2.sub(hi, x), lo);
  const hfx = f64x2.mul(splat(0.5), x);
  const hxs = f64x2.mul(x, hfx);
  let r = f64x2.add(splat(Q4), f64x2.mul(hxs, splat(Q5)));
  r = f64x2.add(splat(Q3), f64x2.mul(hxs, r));
  r = f64x2.add(splat(Q2), f64x2.mul(hxs, r));
  r = f64x2.add(splat(Q1), f64x2.mul(hxs, r));
  const r1 = f64x2.add(splat(1), f64x2.mul(hxs, r));
  const t = f64x2.sub(splat(3), f64x2.mul(r1, hfx));
  let e = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(splat(6), f64x2.mul(x, t))));
  const k0 = f64x2.sub(x, f64x2.sub(f64x2.mul(x, e), hxs));
  e = f64x2.sub(f64x2.sub(f64x2.mul(x, f64x2.sub(e, c)), c), hxs);
  const xe = f64x2.sub(x, e);
  const kMinusOne = f64x2.sub(f64x2.mul(splat(0.5), xe), splat(0.5));
  const kOne = select(
    f64x2.lt(x, splat(-0.25)),
    f64x2.mul(splat(-2), f64x2.sub(e, f64x2.add(x, splat(0.5)))),
    f64x2.add(splat(1), f64x2.mul(splat(2), xe)),
  );
  const twopk = twoTo(k);
  const ex = f64x2.sub(e, x);
  const far = f64x2.sub(f64x2.mul(f64x2.sub(splat(1), ex), twopk), splat(1));
  const twoMinusK = twoTo(f64x2.neg(k));
  const below20 = f64x2.mul(f64x2.sub(f64x2.sub(splat(1), twoMinusK), ex), twopk);
  const from20 = f64x2.mul(
    f64x2.add(f64x2.sub(x, f64x2.add(e, twoMinusK)), splat(1)),
    twopk,
  );
  let result = select(f64x2.lt(k, splat(20)), below20, from20);
  const isFar = v128.or(f64x2.le(k, splat(-2)), f64x2.gt(k, splat(56)));
  result = select(isFar, far, result);
  result = select(f64x2.eq(k, splat(1)), kOne, result);
  result = select(f64x2.eq(k, splat(-1)), kMinusOne, result);
  return select(f64x2.eq(k, splat(0)), k0, result);
}

// fdlibm's tanh for finite lanes (s_tanh.c).
@inline
function tanhVector(x: v128): v128 {
  const ax = f64x2.abs(x);
  const large = f64x2.ge(ax, splat(1));
  const u = select(large, f64x2.add(ax, ax), f64x2.mul(splat(-2), ax));
  const t = expm1Vector(u);
  const tPlus2 = f64x2.add(t, splat(2));
  let z = select(
    large,
    f64x2.sub(splat(1), f64x2.div(splat(2), tPlus2)),
    f64x2.div(f64x2.neg(t), tPlus2),
  );
  z = select(f64x2.ge(ax, splat(TANH_ONE)), splat(1), z);
  const negative = i64x2.lt_s(x, i64x2.splat(0));
  z = select(negative, f64x2.neg(z), z);
  return select(f64x2.lt(ax, splat(TWO_M28)), x, z);
}

// A[0:n] = exp(A[0:n]).
export function expInPlace(n: i32): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  for (; p + 16 <= end; p += 16) {
    const x = v128.load(p);
    // NaN fails the comparison too.
    if (i64x2.all_true(f64x2.lt(f64x2.abs(x), splat(EXP_VECTOR_LIMIT)))) {
      v128.store(p, expVector(x));
    } else {
      store<f64>(p, hostExp(load<f64>(p)));
      store<f64>(p, hostExp(load<f64>(p, 8)), 8);
    }
  }
  if (p < end) store<f64>(p, hostExp(load<f64>(p)));
}

// σ(x) as runners.ts gives it: e = exp(−|x|) (the exp of −x for x ≥ 0, of x below), then
// 1/(1 + e) for x ≥ 0, e/(1 + e) below.
@inline
function sigmoidOf(x: f64, e: f64): f64 {
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

// A[0:n] = σ(A[0:n]).
export function sigmoidInPlace(n: i32): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  for (; p + 16 <= end; p += 16) {
    const x = v128.load(p);
    if (i64x2.all_true(f64x2.lt(f64x2.abs(x), splat(EXP_VECTOR_LIMIT)))) {
      const e = expVector(f64x2.neg(f64x2.abs(x)));
      const onePlusE = f64x2.add(splat(1), e);
      const z = select(f64x2.ge(x, splat(0)), f64x2.div(splat(1), onePlusE), f64x2.div(e, onePlusE));
      v128.store(p, z);
    } else {
      const x0 = load<f64>(p);
      const x1 = load<f64>(p, 8);
      store<f64>(p, sigmoidOf(x0, hostExp(-Math.abs(x0))));
      store<f64>(p, sigmoidOf(x1, hostExp(-Math.abs(x1))), 8);
    }
  }
  if (p < end) {
    const x = load<f64>(p);
    store<f64>(p, sigmoidOf(x, hostExp(-Math.abs(x))));
  }
}

// A[0:n] = log(A[0:n]).
export function logInPlace(n: i32): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  for (; p + 16 <= end; p += 16) {
    const x = v128.load(p);
    // Normal positive finite values: high word in [0x00100000, 0x7ff00000).
    const hx = i64x2.shr_s(x, 32);
    const normal = v128.and(
      i64x2.ge_s(hx, i64x2.splat(0x00100000)),
      i64x2.lt_s(hx, i64x2.splat(0x7ff00000)),
    );
    if (i64x2.all_true(normal)) v128.store(p, logVector(x));
    else {
      store<f64>(p, hostLog(load<f64>(p)));
      store<f64>(p, hostLog(load<f64>(p, 8)), 8);
    }
  }
  if (p < end) store<f64>(p, hostLog(load<f64>(p)));
}

// A[0:n] = tanh(A[0:n]).
export function tanhInPlace(n: i32): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  for (; p + 16 <= end; p += 16) {
    const x = v128.load(p);
    // Finite values (NaN fails the comparison).
    if (i64x2.all_true(f64x2.lt(f64x2.abs(x), splat(Infinity)))) v128.store(p, tanhVector(x));
    else {
      store<f64>(p, hostTanh(load<f64>(p)));
      store<f64>(p, hostTanh(load<f64>(p, 8)), 8);
    }
  }
  if (p < end) store<f64>(p, hostTanh(load<f64>(p)));
}

// ---- Arithmetic. Each op is a final class whose methods give it on a vector and on one value;
// the generic loops below are instantiated per op and inline them, so every op has its own
// loop with no dispatch inside.

// Parameters of the op being run (alpha, beta of Axpy and IsClose; low, high of Clip, Scale).
let first: f64 = 0;
let second: f64 = 0;

@inline
function flag(mask: v128): v128 {
  return v128.and(mask, splat(1));
}

@inline
function flag1(test: bool): f64 {
  return test ? 1 : 0;
}

@final class Add { @inline v(x: v128, y: v128): v128 { return f64x2.add(x, y); } @inline s(x: f64, y: f64): f64 { return x + y; } }
@final class Sub { @inline v(x: v128, y: v128): v128 { return f64x2.sub(x, y); } @inline s(x: f64, y: f64): f64 { return x - y; } }
@final class Mul { @inline v(x: v128, y: v128): v128 { return f64x2.mul(x, y); } @inline s(x: f64, y: f64): f64 { return x * y; } }
@final class Div { @inline v(x: v128, y: v128): v128 { return f64x2.div(x, y); } @inline s(x: f64, y: f64): f64 { return x / y; } }
@final class Max { @inline v(x: v128, y: v128): v128 { return f64x2.max(x, y); } @inline s(x: f64, y: f64): f64 { return max(x, y); } }
@final class Min { @inline v(x: v128, y: v128): v128 { return f64x2.min(x, y); } @inline s(x: f64, y: f64): f64 { return min(x, y); } }
@final class Eq { @inline v(x: v128, y: v128): v128 { return flag(f64x2.eq(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x == y); } }
@final class Ne { @inline v(x: v128, y: v128): v128 { return flag(f64x2.ne(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x != y); } }
@final class Lt { @inline v(x: v128, y: v128): v128 { return flag(f64x2.lt(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x < y); } }
@final class Le { @inline v(x: v128, y: v128): v128 { return flag(f64x2.le(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x <= y); } }
@final class Gt { @inline v(x: v128, y: v128): v128 { return flag(f64x2.gt(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x > y); } }
@final class Ge { @inline v(x: v128, y: v128): v128 { return flag(f64x2.ge(x, y)); } @inline s(x: f64, y: f64): f64 { return flag1(x >= y); } }
// x + alpha·y
@final class Axpy {
  @inline v(x: v128, y: v128): v128 { return f64x2.add(x, f64x2.mul(splat(first), y)); }
  @inline s(x: f64, y: f64): f64 { return x + first * y; }
}
// |x − y| ≤ beta + alpha·|y| (or x = y), alpha = rtol, beta = atol
@final class IsClose {
  @inline v(x: v128, y: v128): v128 {
    const bound = f64x2.add(splat(second), f64x2.mul(splat(first), f64x2.abs(y)));
    return flag(v128.or(f64x2.eq(x, y), f64x2.le(f64x2.abs(f64x2.sub(x, y)), bound)));
  }
  @inline s(x: f64, y: f64): f64 { return flag1(x == y || abs(x - y) <= second + first * abs(y)); }
}

// A = A op B (both), A = A op s (scalar right), A = s op A (scalar left).
const BOTH = 0;
const SCALAR_RIGHT = 1;
const SCALAR_LEFT = 2;

@inline
function binaryLoop<Op>(op: Op, n: i32, mode: i32, s: f64): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  if (mode == BOTH) {
    let q = BUFFER_B;
    for (; p + 16 <= end; p += 16, q += 16) v128.store(p, op.v(v128.load(p), v128.load(q)));
    if (p < end) store<f64>(p, op.s(load<f64>(p), load<f64>(q)));
  } else if (mode == SCALAR_RIGHT) {
    const y = splat(s);
    for (; p + 16 <= end; p += 16) v128.store(p, op.v(v128.load(p), y));
    if (p < end) store<f64>(p, op.s(load<f64>(p), s));
  } else {
    const x = splat(s);
    for (; p + 16 <= end; p += 16) v128.store(p, op.v(x, v128.load(p)));
    if (p < end) store<f64>(p, op.s(s, load<f64>(p)));
  }
}

// A holds `rows` rows of `width`; B one row (ROWS: A[r, j] op B[j]) or one value per row
// (COLUMNS: A[r, j] op B[r]); LEFT puts B's value first (B op A).
const ROWS_RIGHT = 3;
const ROWS_LEFT = 4;
const COLUMNS_RIGHT = 5;
const COLUMNS_LEFT = 6;

@inline
function broadcastLoop<Op>(op: Op, rows: i32, width: i32, mode: i32): void {
  const rowBytes = (<usize>width) << 3;
  for (let r = 0; r < rows; r++) {
    let p = BUFFER_A + (<usize>r) * rowBytes;
    const end = p + rowBytes;
    if (mode == ROWS_RIGHT || mode == ROWS_LEFT) {
      let q = BUFFER_B;
      if (mode == ROWS_RIGHT) {
        for (; p + 16 <= end; p += 16, q += 16) v128.store(p, op.v(v128.load(p), v128.load(q)));
        if (p < end) store<f64>(p, op.s(load<f64>(p), load<f64>(q)));
      } else {
        for (; p + 16 <= end; p += 16, q += 16) v128.store(p, op.v(v128.load(q), v128.load(p)));
        if (p < end) store<f64>(p, op.s(load<f64>(q), load<f64>(p)));
      }
    } else {
      const s = load<f64>(BUFFER_B + ((<usize>r) << 3));
      const v = splat(s);
      if (mode == COLUMNS_RIGHT) {
        for (; p + 16 <= end; p += 16) v128.store(p, op.v(v128.load(p), v));
        if (p < end) store<f64>(p, op.s(load<f64>(p), s));
      } else {
        for (; p + 16 <= end; p += 16) v128.store(p, op.v(v, v128.load(p)));
        if (p < end) store<f64>(p, op.s(s, load<f64>(p)));
      }
    }
  }
}

// A[r, j] = op(A[r, j], B's row or value) for `rows` rows of `width` (the modes above), `code`
// as for `binary`; false for an op the module lacks.
export function broadcast(
  code: i32,
  rows: i32,
  width: i32,
  mode: i32,
  alpha: f64,
  beta: f64,
): bool {
  first = alpha;
  second = beta;
  switch (code) {
    case 0: broadcastLoop<Add>(changetype<Add>(0), rows, width, mode); return true;
    case 1: broadcastLoop<Sub>(changetype<Sub>(0), rows, width, mode); return true;
    case 2: broadcastLoop<Mul>(changetype<Mul>(0), rows, width, mode); return true;
    case 3: broadcastLoop<Div>(changetype<Div>(0), rows, width, mode); return true;
    case 5: broadcastLoop<Max>(changetype<Max>(0), rows, width, mode); return true;
    case 6: broadcastLoop<Min>(changetype<Min>(0), rows, width, mode); return true;
    case 7: broadcastLoop<Eq>(changetype<Eq>(0), rows, width, mode); return true;
    case 8: broadcastLoop<Ne>(changetype<Ne>(0), rows, width, mode); return true;
    case 9: broadcastLoop<Lt>(changetype<Lt>(0), rows, width, mode); return true;
    case 10: broadcastLoop<Le>(changetype<Le>(0), rows, width, mode); return true;
    case 11: broadcastLoop<Gt>(changetype<Gt>(0), rows, width, mode); return true;
    case 12: broadcastLoop<Ge>(changetype<Ge>(0), rows, width, mode); return true;
    case 13: broadcastLoop<Axpy>(changetype<Axpy>(0), rows, width, mode); return true;
    case 14: broadcastLoop<IsClose>(changetype<IsClose>(0), rows, width, mode); return true;
  }
  return false;
}

// A[0:n] = op(A, B or s), with `code` the op's number in the Binary enum of ../codes.ts (the
// driver passes only those listed here; Pow stays in JavaScript). Returns false for another.
export function binary(code: i32, n: i32, mode: i32, s: f64, alpha: f64, beta: f64): bool {
  first = alpha;
  second = beta;
  switch (code) {
    case 0: binaryLoop<Add>(changetype<Add>(0), n, mode, s); return true;
    case 1: binaryLoop<Sub>(changetype<Sub>(0), n, mode, s); return true;
    case 2: binaryLoop<Mul>(changetype<Mul>(0), n, mode, s); return true;
    case 3: binaryLoop<Div>(changetype<Div>(0), n, mode, s); return true;
    case 5: binaryLoop<Max>(changetype<Max>(0), n, mode, s); return true;
    case 6: binaryLoop<Min>(changetype<Min>(0), n, mode, s); return true;
    case 7: binaryLoop<Eq>(changetype<Eq>(0), n, mode, s); return true;
    case 8: binaryLoop<Ne>(changetype<Ne>(0), n, mode, s); return true;
    case 9: binaryLoop<Lt>(changetype<Lt>(0), n, mode, s); return true;
    case 10: binaryLoop<Le>(changetype<Le>(0), n, mode, s); return true;
    case 11: binaryLoop<Gt>(changetype<Gt>(0), n, mode, s); return true;
    case 12: binaryLoop<Ge>(changetype<Ge>(0), n, mode, s); return true;
    case 13: binaryLoop<Axpy>(changetype<Axpy>(0), n, mode, s); return true;
    case 14: binaryLoop<IsClose>(changetype<IsClose>(0), n, mode, s); return true;
  }
  return false;
}

@final class Neg { @inline v(x: v128): v128 { return f64x2.neg(x); } @inline s(x: f64): f64 { return -x; } }
@final class Sqrt { @inline v(x: v128): v128 { return f64x2.sqrt(x); } @inline s(x: f64): f64 { return sqrt(x); } }
@final class Abs { @inline v(x: v128): v128 { return f64x2.abs(x); } @inline s(x: f64): f64 { return abs(x); } }
// Math.sign: 1 above 0, −1 below, the value itself for ±0 and NaN.
@final class Sign {
  @inline v(x: v128): v128 {
    return select(f64x2.gt(x, splat(0)), splat(1), select(f64x2.lt(x, splat(0)), splat(-1), x));
  }
  @inline s(x: f64): f64 { return x > 0 ? 1 : x < 0 ? -1 : x; }
}
// x < low ? low : x > high ? high : x (NaN stays NaN)
@final class Clip {
  @inline v(x: v128): v128 {
    const low = splat(first);
    const high = splat(second);
    return select(f64x2.lt(x, low), low, select(f64x2.gt(x, high), high, x));
  }
  @inline s(x: f64): f64 { return x < first ? first : x > second ? second : x; }
}
// low·x
@final class Scale {
  @inline v(x: v128): v128 { return f64x2.mul(splat(first), x); }
  @inline s(x: f64): f64 { return first * x; }
}

@inline
function unaryLoop<Op>(op: Op, n: i32): void {
  const end = BUFFER_A + ((<usize>n) << 3);
  let p = BUFFER_A;
  for (; p + 16 <= end; p += 16) v128.store(p, op.v(v128.load(p)));
  if (p < end) store<f64>(p, op.s(load<f64>(p)));
}

// A[0:n] = op(A), `code` the op's number in the Unary enum of ../codes.ts; false for another.
export function unary(code: i32, n: i32, low: f64, high: f64): bool {
  first = low;
  second = high;
  switch (code) {
    case 1: unaryLoop<Neg>(changetype<Neg>(0), n); return true;
    case 2: expInPlace(n); return true;
    case 3: logInPlace(n); return true;
    case 4: unaryLoop<Sqrt>(changetype<Sqrt>(0), n); return true;
    case 5: unaryLoop<Abs>(changetype<Abs>(0), n); return true;
    case 6: tanhInPlace(n); return true;
    case 7: unaryLoop<Sign>(changetype<Sign>(0), n); return true;
    case 8: unaryLoop<Clip>(changetype<Clip>(0), n); return true;
    case 9: unaryLoop<Scale>(changetype<Scale>(0), n); return true;
    case 10: sigmoidInPlace(n); return true;
  }
  return false;
}

// ---- Sums, in the order of the JavaScript loops of ../../reduce-loops.ts.

// Σ A[p/8 …][0:n] pairwise: halves down to blocks of at most 128, each summed in four running
// sums s0…s3 over every fourth value, the rest added to s0, then s0 + s1 + (s2 + s3): the lanes
// of (s0, s1) and (s2, s3) are those four sums.
function pairwise(p: usize, n: i32): f64 {
  if (n > 128) {
    const half = n >> 1;
    return pairwise(p, half) + pairwise(p + ((<usize>half) << 3), n - half);
  }
  let s01 = splat(0);
  let s23 = splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4, p += 32) {
    s01 = f64x2.add(s01, v128.load(p));
    s23 = f64x2.add(s23, v128.load(p, 16));
  }
  let s0 = f64x2.extract_lane(s01, 0);
  for (; i < n; i++, p += 8) s0 += load<f64>(p);
  return s0 + f64x2.extract_lane(s01, 1) + (f64x2.extract_lane(s23, 0) + f64x2.extract_lane(s23, 1));
}

// The pairwise sum of A[0:n].
export function sum(n: i32): f64 {
  return pairwise(BUFFER_A, n);
}

// B[0:width] += A[r, 0:width] for each of `rows` rows, in row order.
export function accumulateRows(rows: i32, width: i32): void {
  const rowBytes = (<usize>width) << 3;
  const end = BUFFER_B + rowBytes;
  for (let r = 0; r < rows; r++) {
    let p = BUFFER_A + (<usize>r) * rowBytes;
    let q = BUFFER_B;
    for (; q + 16 <= end; p += 16, q += 16) v128.store(q, f64x2.add(v128.load(q), v128.load(p)));
    if (q < end) store<f64>(q, load<f64>(q) + load<f64>(p));
  }
}
