// Arithmetic kernels with Spark's ANSI errors: integer overflow is ARITHMETIC_OVERFLOW, a zero
// divisor DIVIDE_BY_ZERO, a decimal that does not fit its type NUMERIC_VALUE_OUT_OF_RANGE. The
// "tarn_try_*" twins return NULL instead (try_add, try_divide, ...). Decimal results are exact:
// computed in 256 bits, then rounded HALF_UP to the result scale, as Spark's BigDecimal does.
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include <arrow/api.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"

namespace tarn::sql::functions_internal {

namespace {

enum class Op { kAdd, kSubtract, kMultiply, kDivide, kDiv, kRemainder, kPmod };

const char* TryName(Op op) {
  switch (op) {
    case Op::kAdd: return "try_add";
    case Op::kSubtract: return "try_subtract";
    case Op::kMultiply: return "try_multiply";
    default: return "try_divide";
  }
}

arrow::Status Overflow(const char* what, Op op) {
  return UserError("ARITHMETIC_OVERFLOW",
                   "{} overflow. Use '{}' to tolerate overflow and return NULL instead. If necessary set "
                   "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                   what, TryName(op));
}

arrow::Status RemainderByZero() {
  return UserError("REMAINDER_BY_ZERO",
                   "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If "
                   "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

// % and pmod report REMAINDER_BY_ZERO, / and div DIVIDE_BY_ZERO (Spark 4).
arrow::Status ZeroDivisor(Op op);

arrow::Status DivideByZero() {
  return UserError("DIVIDE_BY_ZERO",
                   "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If "
                   "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

arrow::Status ZeroDivisor(Op op) {
  return op == Op::kRemainder || op == Op::kPmod ? RemainderByZero() : DivideByZero();
}

// One operand of a kernel: an array or a scalar broadcast over the batch.
template <typename CType>
struct Operand {
  explicit Operand(const cp::ExecValue& v) {
    if (v.is_scalar()) {
      is_scalar = true;
      scalar_valid = v.scalar->is_valid;
      if (scalar_valid) {
        scalar = *reinterpret_cast<const CType*>(static_cast<const arrow::internal::PrimitiveScalarBase*>(v.scalar)->data());
      }
    } else {
      span = &v.array;
      values = v.array.GetValues<CType>(1);
      if (v.array.null_count != 0) {
        validity = v.array.buffers[0].data;
        validity_offset = v.array.offset;
      }
    }
  }
  bool NoNulls() const { return is_scalar ? scalar_valid : validity == nullptr; }
  bool Valid(int64_t i) const {
    if (is_scalar) return scalar_valid;
    return validity == nullptr || arrow::bit_util::GetBit(validity, validity_offset + i);
  }
  CType Value(int64_t i) const { return is_scalar ? scalar : values[i]; }

  bool is_scalar = false;
  bool scalar_valid = false;
  CType scalar{};
  const arrow::ArraySpan* span = nullptr;
  const CType* values = nullptr;
  const uint8_t* validity = nullptr;  // null when every value is valid
  int64_t validity_offset = 0;
};

const char* IntegerName(int bytes) { return bytes == 8 ? "long" : "integer"; }

// Spark's integer arithmetic: returns false on overflow; `zero` set on a zero divisor.
template <typename T>
bool IntegerOp(Op op, T a, T b, T* out, bool* zero) {
  switch (op) {
    case Op::kAdd: return !__builtin_add_overflow(a, b, out);
    case Op::kSubtract: return !__builtin_sub_overflow(a, b, out);
    case Op::kMultiply: return !__builtin_mul_overflow(a, b, out);
    case Op::kDiv:
    case Op::kDivide:
      if (b == 0) return *zero = true, false;
      if (a == std::numeric_limits<T>::min() && b == -1) return false;
      *out = static_cast<T>(a / b);
      return true;
    case Op::kRemainder:
    case Op::kPmod: {
      if (b == 0) return *zero = true, false;
      if (b == -1) return *out = 0, true;
      T r = static_cast<T>(a % b);
      if (op == Op::kPmod && r < 0) r = static_cast<T>((static_cast<int64_t>(r) + b) % b);
      *out = r;
      return true;
    }
  }
  return false;
}

template <typename ArrowType, Op kOp, bool kTry>
arrow::Status IntegerKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  using T = typename ArrowType::c_type;
  Operand<T> a(batch[0]), b(batch[1]);
  arrow::NumericBuilder<ArrowType> builder;
  ARROW_RETURN_NOT_OK(builder.Reserve(batch.length));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (!a.Valid(i) || !b.Valid(i)) {
      builder.UnsafeAppendNull();
      continue;
    }
    T r{};
    bool zero = false;
    if (IntegerOp<T>(kOp, a.Value(i), b.Value(i), &r, &zero)) {
      builder.UnsafeAppend(r);
    } else if (kTry) {
      builder.UnsafeAppendNull();
    } else {
      return zero ? ZeroDivisor(kOp) : Overflow(IntegerName(sizeof(T)), kOp);
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder.Finish());
  return SetOutput(out, result);
}

template <typename ArrowType, Op kOp, bool kTry>
arrow::Status FloatingKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  using T = typename ArrowType::c_type;
  Operand<T> a(batch[0]), b(batch[1]);
  arrow::NumericBuilder<ArrowType> builder;
  ARROW_RETURN_NOT_OK(builder.Reserve(batch.length));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (!a.Valid(i) || !b.Valid(i)) {
      builder.UnsafeAppendNull();
      continue;
    }
    T x = a.Value(i), y = b.Value(i);
    if (y == 0 && (kOp == Op::kDivide || kOp == Op::kRemainder || kOp == Op::kPmod)) {
      if (kTry) {
        builder.UnsafeAppendNull();
        continue;
      }
      return ZeroDivisor(kOp);
    }
    T r;
    switch (kOp) {
      case Op::kAdd: r = x + y; break;
      case Op::kSubtract: r = x - y; break;
      case Op::kMultiply: r = x * y; break;
      case Op::kDivide: r = x / y; break;
      case Op::kRemainder: r = std::fmod(x, y); break;
      default: {
        r = std::fmod(x, y);
        if (r < 0) r = std::fmod(r + y, y);
      }
    }
    builder.UnsafeAppend(r);
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder.Finish());
  return SetOutput(out, result);
}

// Unary minus and abs on integers: -MIN overflows.
template <typename ArrowType, bool kAbs>
arrow::Status NegateKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  using T = typename ArrowType::c_type;
  Operand<T> a(batch[0]);
  arrow::NumericBuilder<ArrowType> builder;
  ARROW_RETURN_NOT_OK(builder.Reserve(batch.length));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (!a.Valid(i)) {
      builder.UnsafeAppendNull();
      continue;
    }
    T x = a.Value(i);
    if (kAbs && x >= 0) {
      builder.UnsafeAppend(x);
      continue;
    }
    if (x == std::numeric_limits<T>::min()) return Overflow(IntegerName(sizeof(T)), Op::kSubtract);
    builder.UnsafeAppend(static_cast<T>(-x));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder.Finish());
  return SetOutput(out, result);
}

// --- decimals --------------------------------------------------------------------------------

using arrow::Decimal128;
using arrow::Decimal256;

Decimal256 Pow10(int n) { return Decimal256(Decimal256::GetScaleMultiplier(n)); }

// |value| / 10^k rounded half away from zero (Java's HALF_UP).
Decimal256 ReduceHalfUp(const Decimal256& value, int k) {
  if (k <= 0) return value;
  Decimal256 divisor = Pow10(k);
  bool negative = value.IsNegative();
  Decimal256 magnitude = negative ? Decimal256(-value) : value;
  Decimal256 q = magnitude / divisor;
  Decimal256 r = magnitude % divisor;
  if (r + r >= divisor) q += Decimal256(1);
  return negative ? Decimal256(-q) : q;
}

Decimal128 Narrow(const Decimal256& v) {
  const auto& words = v.little_endian_array();
  return Decimal128(static_cast<int64_t>(words[1]), words[0]);
}

struct DecimalValue {
  Decimal256 unscaled;
  int scale;
};

// The exact result (or nullopt on a zero divisor); `too_big` when it cannot be represented.
std::optional<DecimalValue> DecimalOp(Op op, const DecimalValue& a, const DecimalValue& b, int result_scale,
                                      bool* too_big) {
  switch (op) {
    case Op::kAdd:
    case Op::kSubtract: {
      int s = std::max(a.scale, b.scale);
      Decimal256 x = a.unscaled * Pow10(s - a.scale), y = b.unscaled * Pow10(s - b.scale);
      return DecimalValue{op == Op::kAdd ? x + y : x + Decimal256(-y), s};
    }
    case Op::kMultiply: return DecimalValue{a.unscaled * b.unscaled, a.scale + b.scale};
    case Op::kDivide: {
      if (b.unscaled == Decimal256(0)) return std::nullopt;
      // q = round(a * 10^(rs - sa + sb) / b) at scale rs.
      int e = result_scale - a.scale + b.scale;
      bool negative = a.unscaled.IsNegative() != b.unscaled.IsNegative();
      Decimal256 num = Decimal256::Abs(a.unscaled), den = Decimal256::Abs(b.unscaled);
      if (e < 0) den = den * Pow10(-e);
      Decimal256 q = num / den, r = num % den;
      // Long division for the remaining digits, 38 at a time keeps every step within 256 bits.
      for (int left = std::max(e, 0); left > 0;) {
        int step = std::min(left, 38);
        if (q >= Pow10(38)) return *too_big = true, std::nullopt;
        Decimal256 scaled = r * Pow10(step);
        q = q * Pow10(step) + scaled / den;
        r = scaled % den;
        left -= step;
      }
      if (r + r >= den) q += Decimal256(1);
      return DecimalValue{negative ? Decimal256(-q) : q, result_scale};
    }
    case Op::kRemainder:
    case Op::kPmod:
    case Op::kDiv: {
      if (b.unscaled == Decimal256(0)) return std::nullopt;
      int s = std::max(a.scale, b.scale);
      Decimal256 x = a.unscaled * Pow10(s - a.scale), y = b.unscaled * Pow10(s - b.scale);
      if (op == Op::kDiv) return DecimalValue{x / y, 0};
      Decimal256 r = x % y;
      if (op == Op::kPmod && r.IsNegative()) r = (r + y) % y;
      return DecimalValue{r, s};
    }
  }
  return std::nullopt;
}

// The common case in 128 bits: add, subtract and multiply whose operands, intermediate and
// rescaled results all fit an __int128, rounded as ReduceHalfUp does. Returns false whenever the
// exact 256-bit path must decide instead (an int128 overflow, or a result at or over `limit`,
// which that path turns into an error or NULL).
__extension__ typedef __int128 Int128;

constexpr std::array<Int128, 39> MakePowersOf10() {
  std::array<Int128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<Int128, 39> kPow10 = MakePowersOf10();

Int128 ToInt128(const Decimal128& d) {
  using U = unsigned __int128;
  return static_cast<Int128>((static_cast<U>(static_cast<uint64_t>(d.high_bits())) << 64) | d.low_bits());
}

bool Rescale128(Int128 v, int from_scale, int to_scale, Int128* out) {
  if (from_scale == to_scale) return *out = v, true;
  if (to_scale > from_scale) return !__builtin_mul_overflow(v, kPow10[to_scale - from_scale], out);
  int k = from_scale - to_scale;
  if (k > 38) return false;
  Int128 divisor = kPow10[k];
  if (v == std::numeric_limits<Int128>::min()) return false;
  Int128 magnitude = v < 0 ? -v : v;
  Int128 q = magnitude / divisor, r = magnitude % divisor;
  if (r >= divisor - r) q += 1;
  *out = v < 0 ? -q : q;
  return true;
}

bool FitsInt64(Int128 v) { return v == static_cast<int64_t>(v); }

bool FastDecimalOp(Op op, Int128 a, int sa, Int128 b, int sb, int rs, Int128 limit, Int128* out) {
  Int128 exact;
  int scale;
  if (op == Op::kMultiply) {
    // Two 64-bit factors cannot overflow 128 bits: one multiply instruction, no check.
    if (FitsInt64(a) && FitsInt64(b)) {
      exact = static_cast<Int128>(static_cast<int64_t>(a)) * static_cast<int64_t>(b);
    } else if (__builtin_mul_overflow(a, b, &exact)) {
      return false;
    }
    scale = sa + sb;
  } else if (sa == sb && FitsInt64(a) && FitsInt64(b)) {
    exact = op == Op::kAdd ? a + b : a - b;
    scale = sa;
  } else {
    scale = std::max(sa, sb);
    Int128 x, y;
    if (__builtin_mul_overflow(a, kPow10[scale - sa], &x) || __builtin_mul_overflow(b, kPow10[scale - sb], &y)) {
      return false;
    }
    if (op == Op::kAdd ? __builtin_add_overflow(x, y, &exact) : __builtin_sub_overflow(x, y, &exact)) return false;
  }
  if (!Rescale128(exact, scale, rs, out)) return false;
  return *out < limit && *out > -limit;
}

// One row by the exact 256-bit path: the value, or nullopt with `too_big` set when it does not
// fit (else the divisor was zero).
std::optional<Decimal256> ExactDecimalRow(Op op, const Decimal128& a, int sa, const Decimal128& b, int sb, int rs,
                                          bool integral_result, const Decimal256& limit, bool* too_big) {
  auto r = DecimalOp(op, {Decimal256(a), sa}, {Decimal256(b), sb}, rs, too_big);
  if (!r) return std::nullopt;
  Decimal256 value = r->scale > rs ? ReduceHalfUp(r->unscaled, r->scale - rs) : r->unscaled * Pow10(rs - r->scale);
  if (integral_result) {
    if (value >= Decimal256(Decimal128(std::numeric_limits<int64_t>::max())) + Decimal256(1) ||
        value < Decimal256(Decimal128(std::numeric_limits<int64_t>::min()))) {
      *too_big = true;
      return std::nullopt;
    }
  } else if (Decimal256::Abs(value) >= limit) {
    *too_big = true;
    return std::nullopt;
  }
  return value;
}

// Whether every result of `op` over decimal(pa, sa) and decimal(pb, sb) fits decimal(rp, rs) at
// its natural scale, so that no row needs rounding or an overflow check: |a * b| < 10^(pa + pb),
// and a sum has at most one digit more than its wider operand.
bool StaticallyExact(Op op, int pa, int sa, int pb, int sb, int rp, int rs) {
  if (rp > 38) return false;
  if (op == Op::kMultiply) return sa + sb == rs && pa + pb <= rp;
  if (op == Op::kAdd || op == Op::kSubtract) {
    int s = std::max(sa, sb);
    return s == rs && std::max(pa - sa, pb - sb) + s + 1 <= rp;
  }
  return false;
}

// The statically exact case over operands without NULLs: one tight loop.
template <Op kOp>
void ExactDecimalLoop(const Operand<Decimal128>& a, const Operand<Decimal128>& b, int sa, int sb, int64_t n,
                      uint8_t* out) {
  const int s = std::max(sa, sb);
  const Int128 scale_a = kOp == Op::kMultiply ? 1 : kPow10[s - sa];
  const Int128 scale_b = kOp == Op::kMultiply ? 1 : kPow10[s - sb];
  for (int64_t i = 0; i < n; ++i) {
    Int128 x = ToInt128(a.Value(i)), y = ToInt128(b.Value(i));
    Int128 r;
    if constexpr (kOp == Op::kMultiply) {
      r = x * y;
    } else if constexpr (kOp == Op::kAdd) {
      r = x * scale_a + y * scale_b;
    } else {
      r = x * scale_a - y * scale_b;
    }
    std::memcpy(out + i * 16, &r, 16);
  }
}

template <Op kOp, bool kTry>
arrow::Status DecimalKernel(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  const auto& to = CastStateOptions(ctx).to_type;
  const int sa = static_cast<const arrow::Decimal128Type&>(*batch[0].type()).scale();
  const int sb = static_cast<const arrow::Decimal128Type&>(*batch[1].type()).scale();
  Operand<Decimal128> a(batch[0]), b(batch[1]);
  const bool integral_result = to.id() == arrow::Type::INT64;
  int rp = 19, rs = 0;
  if (!integral_result) {
    rp = static_cast<const arrow::Decimal128Type&>(*to.type).precision();
    rs = static_cast<const arrow::Decimal128Type&>(*to.type).scale();
  }
  const Decimal256 limit = Pow10(rp);
  constexpr bool kFastOp = kOp == Op::kAdd || kOp == Op::kSubtract || kOp == Op::kMultiply;
  const int64_t n = batch.length;
  const int width = integral_result ? 8 : 16;
  ARROW_ASSIGN_OR_RAISE(auto values, arrow::AllocateBuffer(n * width, ctx->memory_pool()));
  uint8_t* out_values = values->mutable_data();
  if constexpr (kOp == Op::kAdd || kOp == Op::kSubtract || kOp == Op::kMultiply) {
    const int pa = static_cast<const arrow::Decimal128Type&>(*batch[0].type()).precision();
    const int pb = static_cast<const arrow::Decimal128Type&>(*batch[1].type()).precision();
    if (!integral_result && a.NoNulls() && b.NoNulls() && StaticallyExact(kOp, pa, sa, pb, sb, rp, rs)) {
      ExactDecimalLoop<kOp>(a, b, sa, sb, n, out_values);
      auto data = arrow::ArrayData::Make(to.GetSharedPtr(), n, {nullptr, std::shared_ptr<arrow::Buffer>(std::move(values))}, 0);
      return SetOutput(out, arrow::MakeArray(data));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto validity, arrow::AllocateBitmap(n, ctx->memory_pool()));
  uint8_t* out_valid = validity->mutable_data();
  int64_t null_count = 0;
  auto set_null = [&](int64_t i) {
    arrow::bit_util::ClearBit(out_valid, i);
    std::memset(out_values + i * width, 0, width);
    ++null_count;
  };
  for (int64_t i = 0; i < n; ++i) {
    if (!a.Valid(i) || !b.Valid(i)) {
      set_null(i);
      continue;
    }
    arrow::bit_util::SetBit(out_valid, i);
    if constexpr (kFastOp) {
      Int128 fast;
      if (!integral_result && rp <= 38 &&
          FastDecimalOp(kOp, ToInt128(a.Value(i)), sa, ToInt128(b.Value(i)), sb, rs, kPow10[rp], &fast)) {
        std::memcpy(out_values + i * 16, &fast, 16);  // little-endian two's complement, as Decimal128
        continue;
      }
    }
    bool too_big = false;
    auto value = ExactDecimalRow(kOp, a.Value(i), sa, b.Value(i), sb, rs, integral_result, limit, &too_big);
    if (!value) {
      if (kTry) {
        set_null(i);
        continue;
      }
      if (!too_big) return ZeroDivisor(kOp);
      if (integral_result) return Overflow("long", kOp);
      return UserError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                       "The result of the decimal operation cannot be represented as Decimal({}, {}). If necessary "
                       "set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.",
                       rp, rs);
    }
    Decimal128 narrow = Narrow(*value);
    if (integral_result) {
      int64_t v = static_cast<int64_t>(narrow.low_bits());
      std::memcpy(out_values + i * 8, &v, 8);
    } else {
      narrow.ToBytes(out_values + i * 16);
    }
  }
  auto data = arrow::ArrayData::Make(to.GetSharedPtr(), n,
                                     {null_count ? std::shared_ptr<arrow::Buffer>(std::move(validity)) : nullptr,
                                      std::shared_ptr<arrow::Buffer>(std::move(values))},
                                     null_count);
  return SetOutput(out, arrow::MakeArray(data));
}

template <Op kOp, bool kTry>
arrow::Status AddIntegerKernels(cp::FunctionRegistry& registry, const std::string& name) {
  using cp::InputType;
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::INT8, arrow::Type::INT8}, arrow::int8(),
                                IntegerKernel<arrow::Int8Type, kOp, kTry>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::INT16, arrow::Type::INT16}, arrow::int16(),
                                IntegerKernel<arrow::Int16Type, kOp, kTry>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::INT32, arrow::Type::INT32}, arrow::int32(),
                                IntegerKernel<arrow::Int32Type, kOp, kTry>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::INT64, arrow::Type::INT64}, arrow::int64(),
                                IntegerKernel<arrow::Int64Type, kOp, kTry>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::FLOAT, arrow::Type::FLOAT}, arrow::float32(),
                                FloatingKernel<arrow::FloatType, kOp, kTry>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, name, 2, {arrow::Type::DOUBLE, arrow::Type::DOUBLE}, arrow::float64(),
                                FloatingKernel<arrow::DoubleType, kOp, kTry>));
  return AddKernel(registry, name, 2, {arrow::Type::DECIMAL128, arrow::Type::DECIMAL128},
                   cp::OutputType(CastOutputType), DecimalKernel<kOp, kTry>, InitCastState);
}

template <Op kOp>
arrow::Status AddOperator(cp::FunctionRegistry& registry, const std::string& name) {
  ARROW_RETURN_NOT_OK((AddIntegerKernels<kOp, false>(registry, "tarn_" + name)));
  return AddIntegerKernels<kOp, true>(registry, "tarn_try_" + name);
}

}  // namespace

arrow::Status RegisterArithmeticKernels(cp::FunctionRegistry& registry) {
  ARROW_RETURN_NOT_OK(AddOperator<Op::kAdd>(registry, "add"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kSubtract>(registry, "subtract"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kMultiply>(registry, "multiply"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kDivide>(registry, "divide"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kDiv>(registry, "div"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kRemainder>(registry, "remainder"));
  ARROW_RETURN_NOT_OK(AddOperator<Op::kPmod>(registry, "pmod"));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_negate", 1, {arrow::Type::INT8}, arrow::int8(), NegateKernel<arrow::Int8Type, false>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_negate", 1, {arrow::Type::INT16}, arrow::int16(), NegateKernel<arrow::Int16Type, false>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_negate", 1, {arrow::Type::INT32}, arrow::int32(), NegateKernel<arrow::Int32Type, false>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_negate", 1, {arrow::Type::INT64}, arrow::int64(), NegateKernel<arrow::Int64Type, false>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_abs", 1, {arrow::Type::INT8}, arrow::int8(), NegateKernel<arrow::Int8Type, true>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_abs", 1, {arrow::Type::INT16}, arrow::int16(), NegateKernel<arrow::Int16Type, true>));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_abs", 1, {arrow::Type::INT32}, arrow::int32(), NegateKernel<arrow::Int32Type, true>));
  return AddKernel(registry, "tarn_abs", 1, {arrow::Type::INT64}, arrow::int64(), NegateKernel<arrow::Int64Type, true>);
}

}  // namespace tarn::sql::functions_internal
