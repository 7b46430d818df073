// Arrow kernels for Spark semantics Arrow has no function for: Java's double-to-string, Spark's
// timestamp text, lenient booleans, SQL SUBSTRING, calendar interval arithmetic, make_date,
// TRY_CAST. Row-at-a-time where the work is per value anyway.
#include <charconv>
#include <cmath>
#include <cstring>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/compute/kernel.h>
#include <arrow/util/utf8.h>
#include <fmt/format.h>

#include "calendar/civil_date.h"
#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"
#include "sql/plan/identifier.h"

namespace tarn::sql::functions_internal {

arrow::ArrayVector Inputs(const cp::ExecSpan& batch) {
  arrow::ArrayVector out;
  for (int i = 0; i < batch.num_values(); ++i) {
    if (batch[i].is_array()) {
      out.push_back(batch[i].array.ToArray());
    } else {
      out.push_back(arrow::MakeArrayFromScalar(*batch[i].scalar, batch.length).ValueOrDie());
    }
  }
  return out;
}

arrow::Status SetOutput(cp::ExecResult* out, const std::shared_ptr<arrow::Array>& array) {
  out->value = array->data();
  return arrow::Status::OK();
}

arrow::Status AddKernel(cp::FunctionRegistry& registry, const std::string& name, int arity,
                        std::vector<cp::InputType> inputs, cp::OutputType output, cp::ArrayKernelExec exec,
                        cp::KernelInit init) {
  std::shared_ptr<cp::ScalarFunction> fn;
  if (auto existing = registry.GetFunction(name); existing.ok()) {
    fn = std::static_pointer_cast<cp::ScalarFunction>(*existing);
  } else {
    fn = std::make_shared<cp::ScalarFunction>(name, cp::Arity(arity), cp::FunctionDoc::Empty());
    ARROW_RETURN_NOT_OK(registry.AddFunction(fn));
  }
  cp::ScalarKernel kernel(std::move(inputs), std::move(output), exec, std::move(init));
  kernel.null_handling = cp::NullHandling::COMPUTED_NO_PREALLOCATE;
  kernel.mem_allocation = cp::MemAllocation::NO_PREALLOCATE;
  return fn->AddKernel(std::move(kernel));
}

arrow::Status AddVarArgsKernel(cp::FunctionRegistry& registry, const std::string& name, int min_args,
                               cp::InputType input, cp::OutputType output, cp::ArrayKernelExec exec,
                               cp::KernelInit init) {
  std::shared_ptr<cp::ScalarFunction> fn;
  if (auto existing = registry.GetFunction(name); existing.ok()) {
    fn = std::static_pointer_cast<cp::ScalarFunction>(*existing);
  } else {
    fn = std::make_shared<cp::ScalarFunction>(name, cp::Arity::VarArgs(min_args), cp::FunctionDoc::Empty());
    ARROW_RETURN_NOT_OK(registry.AddFunction(fn));
  }
  cp::ScalarKernel kernel({std::move(input)}, std::move(output), exec, std::move(init));
  kernel.signature = cp::KernelSignature::Make({kernel.signature->in_types()[0]}, kernel.signature->out_type(), true);
  kernel.null_handling = cp::NullHandling::COMPUTED_NO_PREALLOCATE;
  kernel.mem_allocation = cp::MemAllocation::NO_PREALLOCATE;
  return fn->AddKernel(std::move(kernel));
}

// --- double / float to text, as Java's Double.toString prints it ---------------------------
std::string JavaDouble(double d, bool is_float) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = is_float ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(d), std::chars_format::scientific)
                      : std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  bool negative = sci[0] == '-';
  if (negative) sci = sci.substr(1);
  auto e_pos = sci.find('e');
  std::string mantissa = sci.substr(0, e_pos);
  int exponent = std::stoi(sci.substr(e_pos + 1));
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  double mag = std::fabs(d);
  if (mag >= 1e-3 && mag < 1e7) {
    if (exponent >= 0) {
      std::string int_part = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      while (static_cast<int>(int_part.size()) < exponent + 1) int_part += '0';
      std::string frac = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      return out + int_part + "." + frac;
    }
    return out + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  std::string frac = digits.size() > 1 ? digits.substr(1) : "0";
  return out + digits.substr(0, 1) + "." + frac + "E" + std::to_string(exponent);
}

static arrow::Status DoubleToString(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch)[0];
  arrow::StringBuilder b;
  ARROW_RETURN_NOT_OK(b.Reserve(in->length()));
  const bool is_float = in->type_id() == arrow::Type::FLOAT;
  for (int64_t i = 0; i < in->length(); ++i) {
    if (in->IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    double v = is_float ? static_cast<const arrow::FloatArray&>(*in).Value(i)
                        : static_cast<const arrow::DoubleArray&>(*in).Value(i);
    ARROW_RETURN_NOT_OK(b.Append(JavaDouble(v, is_float)));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// --- civil dates -------------------------------------------------------------------------------

int64_t AddMonths(int64_t days, int64_t months) {
  Civil c = CivilFromDays(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned m = static_cast<unsigned>(total - y * 12) + 1;
  unsigned d = std::min(c.day, DaysInMonth(y, m));
  return DaysFromCivil(y, m, d);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string TimestampText(int64_t micros) {
  int64_t days = FloorDiv(micros, 86400000000LL);
  int64_t rem = micros - days * 86400000000LL;
  Civil c = CivilFromDays(days);
  int64_t secs = rem / 1000000, frac = rem % 1000000;
  std::string s = fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", c.year, c.month, c.day, secs / 3600,
                              (secs / 60) % 60, secs % 60);
  if (frac) {
    std::string f = fmt::format("{:06d}", frac);
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

namespace {

arrow::Status TimestampToString(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch)[0];
  const auto& ts = static_cast<const arrow::TimestampArray&>(*in);
  arrow::StringBuilder b;
  for (int64_t i = 0; i < in->length(); ++i) {
    if (in->IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(b.Append(TimestampText(ts.Value(i))));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status StringToBoolean(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch)[0];
  const auto& s = static_cast<const arrow::StringArray&>(*in);
  arrow::BooleanBuilder b;
  for (int64_t i = 0; i < in->length(); ++i) {
    if (in->IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    const std::string v = AsciiLower(s.GetView(i));
    if (v == "t" || v == "true" || v == "y" || v == "yes" || v == "1") {
      ARROW_RETURN_NOT_OK(b.Append(true));
    } else if (v == "f" || v == "false" || v == "n" || v == "no" || v == "0") {
      ARROW_RETURN_NOT_OK(b.Append(false));
    } else {
      return UserError("CAST_INVALID_INPUT",
                       "The value '{}' of the type \"STRING\" cannot be cast to \"BOOLEAN\" because it is malformed. "
                       "Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate "
                       "malformed input and return NULL instead.",
                       s.GetView(i));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// Byte offset of character `k` of UTF-8 `v` (v.size() when k is at or past the end).
size_t CharOffset(std::string_view v, int64_t k) {
  int64_t seen = -1;
  for (size_t i = 0; i < v.size(); ++i) {
    if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80 && ++seen == k) return i;
  }
  return v.size();
}

int64_t CharCount(std::string_view v) {
  int64_t n = 0;
  for (char c : v) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// SQL SUBSTRING(str, pos[, len]) with Spark's 1-based and negative positions, in characters.
arrow::Status Substring(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& str = static_cast<const arrow::StringArray&>(*in[0]);
  const auto& pos = static_cast<const arrow::Int32Array&>(*in[1]);
  const arrow::Int32Array* len = in.size() > 2 ? &static_cast<const arrow::Int32Array&>(*in[2]) : nullptr;
  arrow::StringBuilder b;
  ARROW_RETURN_NOT_OK(b.Reserve(str.length()));
  ARROW_RETURN_NOT_OK(b.ReserveData(str.value_data() ? str.total_values_length() : 0));
  for (int64_t i = 0; i < str.length(); ++i) {
    if (str.IsNull(i) || pos.IsNull(i) || (len && len->IsNull(i))) {
      b.UnsafeAppendNull();
      continue;
    }
    std::string_view v = str.GetView(i);
    const int64_t n = CharCount(v);
    int64_t p = pos.Value(i);
    int64_t l = len ? len->Value(i) : INT32_MAX;
    int64_t start = p > 0 ? p - 1 : p < 0 ? n + p : 0;
    // pos and len are 32-bit, so their sum cannot overflow 64 bits.
    int64_t end = start + l;
    start = std::max<int64_t>(start, 0);
    end = std::min(end, n);
    if (start >= end) {
      b.UnsafeAppend(std::string_view(""));  // not a null pointer: the builder memcpy's from it
      continue;
    }
    size_t from = CharOffset(v, start);
    size_t to = end >= n ? v.size() : from + CharOffset(v.substr(from), end - start);
    b.UnsafeAppend(v.substr(from, to - from));  // a substring never outgrows the reserved data
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// date / timestamp + interval (months, days, nanoseconds) with calendar months.
arrow::Status AddInterval(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& iv = static_cast<const arrow::MonthDayNanoIntervalArray&>(*in[1]);
  if (in[0]->type_id() == arrow::Type::DATE32) {
    const auto& d = static_cast<const arrow::Date32Array&>(*in[0]);
    arrow::Date32Builder b;
    for (int64_t i = 0; i < d.length(); ++i) {
      if (d.IsNull(i) || iv.IsNull(i)) {
        ARROW_RETURN_NOT_OK(b.AppendNull());
        continue;
      }
      auto v = iv.Value(i);
      if (v.nanoseconds % 86400000000000LL != 0) {
        return UserError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                         "A date can only be shifted by whole days, months and years.");
      }
      int64_t days = AddMonths(d.Value(i), v.months) + v.days + v.nanoseconds / 86400000000000LL;
      ARROW_RETURN_NOT_OK(b.Append(static_cast<int32_t>(days)));
    }
    ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
    return SetOutput(out, result);
  }
  const auto& ts = static_cast<const arrow::TimestampArray&>(*in[0]);
  arrow::TimestampBuilder b(ts.type(), arrow::default_memory_pool());
  for (int64_t i = 0; i < ts.length(); ++i) {
    if (ts.IsNull(i) || iv.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    auto v = iv.Value(i);
    int64_t micros = ts.Value(i);
    int64_t days = FloorDiv(micros, 86400000000LL);
    int64_t rem = micros - days * 86400000000LL;
    days = AddMonths(days, v.months) + v.days;
    ARROW_RETURN_NOT_OK(b.Append(days * 86400000000LL + rem + v.nanoseconds / 1000));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status NegateInterval(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& iv = static_cast<const arrow::MonthDayNanoIntervalArray&>(*in[0]);
  arrow::MonthDayNanoIntervalBuilder b;
  for (int64_t i = 0; i < iv.length(); ++i) {
    if (iv.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    auto v = iv.Value(i);
    ARROW_RETURN_NOT_OK(b.Append({-v.months, -v.days, -v.nanoseconds}));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status MakeDate(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& y = static_cast<const arrow::Int32Array&>(*in[0]);
  const auto& m = static_cast<const arrow::Int32Array&>(*in[1]);
  const auto& d = static_cast<const arrow::Int32Array&>(*in[2]);
  arrow::Date32Builder b;
  for (int64_t i = 0; i < y.length(); ++i) {
    if (y.IsNull(i) || m.IsNull(i) || d.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    int yy = y.Value(i), mm = m.Value(i), dd = d.Value(i);
    if (mm < 1 || mm > 12 || dd < 1 || static_cast<unsigned>(dd) > DaysInMonth(yy, static_cast<unsigned>(mm))) {
      return UserError("DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION",
                       "Invalid date: year {}, month {}, day {}. If necessary set \"spark.sql.ansi.enabled\" to "
                       "\"false\" to bypass this error.",
                       yy, mm, dd);
    }
    ARROW_RETURN_NOT_OK(b.Append(static_cast<int32_t>(DaysFromCivil(yy, static_cast<unsigned>(mm),
                                                                      static_cast<unsigned>(dd)))));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status LastDay(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& d = static_cast<const arrow::Date32Array&>(*in[0]);
  arrow::Date32Builder b;
  for (int64_t i = 0; i < d.length(); ++i) {
    if (d.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    Civil c = CivilFromDays(d.Value(i));
    ARROW_RETURN_NOT_OK(b.Append(static_cast<int32_t>(DaysFromCivil(c.year, c.month, DaysInMonth(c.year, c.month)))));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status AddMonthsKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& d = static_cast<const arrow::Date32Array&>(*in[0]);
  const auto& n = static_cast<const arrow::Int32Array&>(*in[1]);
  arrow::Date32Builder b;
  for (int64_t i = 0; i < d.length(); ++i) {
    if (d.IsNull(i) || n.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    ARROW_RETURN_NOT_OK(b.Append(static_cast<int32_t>(AddMonths(d.Value(i), n.Value(i)))));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// months_between(end, start): whole months plus the day difference over 31 (Spark's rule).
arrow::Status MonthsBetween(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& a = static_cast<const arrow::TimestampArray&>(*in[0]);
  const auto& c = static_cast<const arrow::TimestampArray&>(*in[1]);
  arrow::DoubleBuilder b;
  for (int64_t i = 0; i < a.length(); ++i) {
    if (a.IsNull(i) || c.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    int64_t d1 = FloorDiv(a.Value(i), 86400000000LL), d2 = FloorDiv(c.Value(i), 86400000000LL);
    int64_t t1 = a.Value(i) - d1 * 86400000000LL, t2 = c.Value(i) - d2 * 86400000000LL;
    Civil x = CivilFromDays(d1), y = CivilFromDays(d2);
    double months = static_cast<double>((x.year - y.year) * 12 + (static_cast<int>(x.month) - static_cast<int>(y.month)));
    bool both_last = x.day == DaysInMonth(x.year, x.month) && y.day == DaysInMonth(y.year, y.month);
    if (x.day != y.day && !both_last) {
      double secs = (static_cast<double>(x.day) - y.day) * 86400 + (t1 - t2) / 1e6;
      months += secs / (31.0 * 86400);
    }
    ARROW_RETURN_NOT_OK(b.Append(std::round(months * 1e8) / 1e8));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// list[i] (0-based; NULL when out of range), for subscript and element_at.
arrow::Status ListElement(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& list = static_cast<const arrow::ListArray&>(*in[0]);
  const auto& index = static_cast<const arrow::Int32Array&>(*in[1]);
  ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(list.value_type()));
  for (int64_t i = 0; i < list.length(); ++i) {
    if (list.IsNull(i) || index.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    int64_t k = index.Value(i);
    int64_t n = list.value_length(i);
    if (k < 0) k += n;  // element_at(a, -1) is the last element
    if (k < 0 || k >= n) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*list.values()->data(), list.value_offset(i) + k, 1));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

arrow::Status AssertTrue(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& cond = static_cast<const arrow::BooleanArray&>(*in[0]);
  for (int64_t i = 0; i < cond.length(); ++i) {
    if (cond.IsNull(i) || !cond.Value(i)) {
      return UserError("USER_RAISED_EXCEPTION", "'{}' is not true!", cond.IsNull(i) ? "NULL" : "false");
    }
  }
  return SetOutput(out, std::make_shared<arrow::NullArray>(cond.length()));
}

}  // namespace

arrow::Result<arrow::TypeHolder> FirstInputType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types) {
  return types.at(0);
}

arrow::Result<arrow::TypeHolder> ListItemType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types) {
  return arrow::TypeHolder(types.at(0).type->field(0)->type());
}

arrow::Status RegisterTarnKernels(cp::FunctionRegistry& registry) {
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_double_to_string", 1, {arrow::Type::DOUBLE}, arrow::utf8(), DoubleToString));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_double_to_string", 1, {arrow::Type::FLOAT}, arrow::utf8(), DoubleToString));
  ARROW_RETURN_NOT_OK(
      AddKernel(registry, "tarn_timestamp_to_string", 1, {arrow::Type::TIMESTAMP}, arrow::utf8(), TimestampToString));
  ARROW_RETURN_NOT_OK(
      AddKernel(registry, "tarn_string_to_boolean", 1, {arrow::Type::STRING}, arrow::boolean(), StringToBoolean));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_substring", 2, {arrow::Type::STRING, arrow::Type::INT32},
                                arrow::utf8(), Substring));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_substring3", 3,
                                {arrow::Type::STRING, arrow::Type::INT32, arrow::Type::INT32}, arrow::utf8(),
                                Substring));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_add_interval", 2,
                                {arrow::Type::DATE32, arrow::Type::INTERVAL_MONTH_DAY_NANO}, arrow::date32(),
                                AddInterval));
  ARROW_RETURN_NOT_OK(AddKernel(
      registry, "tarn_add_interval", 2, {arrow::Type::TIMESTAMP, arrow::Type::INTERVAL_MONTH_DAY_NANO},
      cp::OutputType(FirstInputType), AddInterval));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_negate_interval", 1, {arrow::Type::INTERVAL_MONTH_DAY_NANO},
                                arrow::month_day_nano_interval(), NegateInterval));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_make_date", 3,
                                {arrow::Type::INT32, arrow::Type::INT32, arrow::Type::INT32}, arrow::date32(), MakeDate));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_last_day", 1, {arrow::Type::DATE32}, arrow::date32(), LastDay));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_add_months", 2, {arrow::Type::DATE32, arrow::Type::INT32},
                                arrow::date32(), AddMonthsKernel));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_months_between", 2, {arrow::Type::TIMESTAMP, arrow::Type::TIMESTAMP},
                                arrow::float64(), MonthsBetween));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_list_element", 2, {arrow::Type::LIST, arrow::Type::INT32},
                                cp::OutputType(ListItemType), ListElement));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_assert_true", 1, {arrow::Type::BOOL}, arrow::null(), AssertTrue));
  ARROW_RETURN_NOT_OK(RegisterArithmeticKernels(registry));
  ARROW_RETURN_NOT_OK(RegisterCastKernels(registry));
  ARROW_RETURN_NOT_OK(RegisterStringKernels(registry));
  ARROW_RETURN_NOT_OK(RegisterHashKernels(registry));
  ARROW_RETURN_NOT_OK(RegisterDatetimeKernels(registry));
  ARROW_RETURN_NOT_OK(RegisterCollectionKernels(registry));
  return RegisterAggregateKernels(registry);
}

}  // namespace tarn::sql::functions_internal
