#include "exec/window_operator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"

namespace tarn::exec {

namespace cp = arrow::compute;
using sql::Expr;
using sql::ExprKind;
using sql::FrameBound;
using sql::WindowFrame;

namespace {

// Evaluates expressions over one batch, as arrays of the batch's length.
class BatchEvaluator {
 public:
  BatchEvaluator(std::shared_ptr<arrow::RecordBatch> batch, const sql::SparkFunctionRegistry& functions,
                 const ExpressionLowering& lowering)
      : batch_(std::move(batch)), ctx_(arrow::default_memory_pool(), nullptr, functions.arrow_registry()),
        lowering_(lowering) {}

  arrow::Result<std::shared_ptr<arrow::Array>> Evaluate(const Expr& expr) {
    ARROW_ASSIGN_OR_RAISE(auto lowered, lowering_.Lower(expr));
    ARROW_ASSIGN_OR_RAISE(lowered, lowered.Bind(*batch_->schema(), &ctx_));
    ARROW_ASSIGN_OR_RAISE(auto value, cp::ExecuteScalarExpression(lowered, cp::ExecBatch(*batch_), &ctx_));
    if (value.is_scalar()) return arrow::MakeArrayFromScalar(*value.scalar(), batch_->num_rows());
    return value.make_array();
  }
  cp::ExecContext* ctx() { return &ctx_; }

 private:
  std::shared_ptr<arrow::RecordBatch> batch_;
  cp::ExecContext ctx_;
  const ExpressionLowering& lowering_;
};

bool RowsEqual(const std::vector<std::shared_ptr<arrow::Array>>& keys, int64_t a, int64_t b) {
  for (const auto& k : keys) {
    if (!k->RangeEquals(*k, a, a + 1, b)) return false;
  }
  return true;
}

int64_t LiteralInt(const sql::ExprPtr& e, int64_t fallback) {
  if (!e || e->kind != ExprKind::kLiteral || !e->value || !e->value->is_valid) return fallback;
  auto cast = e->value->CastTo(arrow::int64());
  if (!cast.ok()) return fallback;
  return static_cast<const arrow::Int64Scalar&>(**cast).value;
}

double LiteralDouble(const sql::ExprPtr& e) {
  if (!e || e->kind != ExprKind::kLiteral || !e->value || !e->value->is_valid) return 0;
  auto cast = e->value->CastTo(arrow::float64());
  if (!cast.ok()) return 0;
  return static_cast<const arrow::DoubleScalar&>(**cast).value;
}

double AsDouble(const arrow::Array& a, int64_t i) {
  auto s = a.GetScalar(i);
  if (!s.ok() || !(*s)->is_valid) return 0;
  auto d = (*s)->CastTo(arrow::float64());
  if (!d.ok()) return 0;
  return static_cast<const arrow::DoubleScalar&>(**d).value;
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> WindowOperator::Apply(const std::shared_ptr<arrow::Table>& input,
                                                                   const std::vector<sql::Attribute>&,
                                                                   const std::vector<sql::ExprPtr>& windows) const {
  auto table = input;
  for (const auto& w : windows) {
    ARROW_ASSIGN_OR_RAISE(table, ApplyOne(table, *w));
  }
  return table;
}

arrow::Result<std::shared_ptr<arrow::Table>> WindowOperator::ApplyOne(const std::shared_ptr<arrow::Table>& input,
                                                                      const Expr& alias) const {
  const Expr& window = *alias.args.at(0);
  const Expr& fn = *window.args.at(0);
  const sql::WindowSpec& spec = *window.window;
  const std::string& name = fn.name.at(0);

  ARROW_ASSIGN_OR_RAISE(auto batch, input->CombineChunksToBatch());
  BatchEvaluator eval(batch, functions_, lowering_);
  const int64_t n = batch->num_rows();

  // Sort by partition keys, then the ORDER BY keys.
  std::vector<std::shared_ptr<arrow::Array>> part_keys, order_keys;
  arrow::FieldVector key_fields;
  arrow::ArrayVector key_arrays;
  std::vector<cp::SortKey> sort_keys;
  for (const auto& p : spec.partition_by) {
    ARROW_ASSIGN_OR_RAISE(auto a, eval.Evaluate(*p));
    part_keys.push_back(a);
    std::string k = "k" + std::to_string(key_arrays.size());
    key_fields.push_back(arrow::field(k, a->type()));
    key_arrays.push_back(a);
    sort_keys.emplace_back(arrow::FieldRef(k), cp::SortOrder::Ascending, cp::NullPlacement::AtStart);
  }
  for (const auto& o : spec.order_by) {
    ARROW_ASSIGN_OR_RAISE(auto a, eval.Evaluate(*o.expr));
    order_keys.push_back(a);
    std::string k = "k" + std::to_string(key_arrays.size());
    key_fields.push_back(arrow::field(k, a->type()));
    key_arrays.push_back(a);
    sort_keys.emplace_back(arrow::FieldRef(k), o.ascending ? cp::SortOrder::Ascending : cp::SortOrder::Descending,
                           o.nulls == sql::NullOrdering::kNullsFirst ? cp::NullPlacement::AtStart
                                                                     : cp::NullPlacement::AtEnd);
  }
  std::vector<std::shared_ptr<arrow::Array>> args;
  for (const auto& a : fn.args) {
    ARROW_ASSIGN_OR_RAISE(auto arr, eval.Evaluate(*a));
    args.push_back(arr);
  }
  std::shared_ptr<arrow::Array> order;
  if (!sort_keys.empty()) {
    auto keys_batch = arrow::RecordBatch::Make(arrow::schema(key_fields), n, key_arrays);
    ARROW_ASSIGN_OR_RAISE(order, cp::SortIndices(arrow::Datum(keys_batch), cp::SortOptions(sort_keys)));
    auto take = [&](std::shared_ptr<arrow::Array>& a) -> arrow::Status {
      ARROW_ASSIGN_OR_RAISE(auto d, cp::Take(a, order));
      a = d.make_array();
      return arrow::Status::OK();
    };
    for (auto& a : part_keys) ARROW_RETURN_NOT_OK(take(a));
    for (auto& a : order_keys) ARROW_RETURN_NOT_OK(take(a));
    for (auto& a : args) ARROW_RETURN_NOT_OK(take(a));
    ARROW_ASSIGN_OR_RAISE(auto sorted, cp::Take(batch, order));
    batch = sorted.record_batch();
  }

  // Result type and aggregate binding.
  std::vector<sql::ArgumentInfo> infos;
  for (const auto& a : fn.args) infos.push_back({a->type, a->kind == ExprKind::kLiteral ? a->value : nullptr});
  std::optional<sql::BoundAggregateFunction> aggregate;
  if (fn.is_aggregate) {
    ARROW_ASSIGN_OR_RAISE(aggregate, functions_.BindAggregate(name, infos, fn.distinct));
  }
  const auto& result_type = alias.type;
  ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(result_type));
  auto append_int = [&](int64_t v) -> arrow::Status {
    std::shared_ptr<arrow::Scalar> value = arrow::MakeScalar(v);
    ARROW_ASSIGN_OR_RAISE(auto s, value->CastTo(result_type));
    return builder->AppendScalar(*s);
  };
  auto append_double = [&](double v) -> arrow::Status {
    std::shared_ptr<arrow::Scalar> value = arrow::MakeScalar(v);
    ARROW_ASSIGN_OR_RAISE(auto s, value->CastTo(result_type));
    return builder->AppendScalar(*s);
  };
  auto append_value = [&](const std::shared_ptr<arrow::Array>& a, int64_t i) -> arrow::Status {
    if (i < 0 || a->IsNull(i)) return builder->AppendNull();
    ARROW_ASSIGN_OR_RAISE(auto s, a->GetScalar(i));
    if (!s->type->Equals(*result_type)) {
      ARROW_ASSIGN_OR_RAISE(s, s->CastTo(result_type));
    }
    return builder->AppendScalar(*s);
  };
  cp::ExecContext* ctx = eval.ctx();
  auto aggregate_slice = [&](int64_t lo, int64_t hi) -> arrow::Result<std::shared_ptr<arrow::Scalar>> {
    std::vector<cp::Expression> parts;
    for (const auto& part : aggregate->parts) {
      if (part.function == "count_all") {
        parts.push_back(cp::literal(std::max<int64_t>(0, hi - lo)));
        continue;
      }
      std::vector<arrow::Datum> slice_args;
      for (int idx : part.args) slice_args.emplace_back(args.at(idx)->Slice(lo, std::max<int64_t>(0, hi - lo)));
      ARROW_ASSIGN_OR_RAISE(auto d, cp::CallFunction(part.function, slice_args, part.options.get(), ctx));
      parts.push_back(cp::literal(d));
    }
    ARROW_ASSIGN_OR_RAISE(auto fin, aggregate->finalize(std::move(parts)));
    ARROW_ASSIGN_OR_RAISE(fin, fin.Bind(*arrow::schema({}), ctx));
    ARROW_ASSIGN_OR_RAISE(auto v, cp::ExecuteScalarExpression(fin, cp::ExecBatch({}, 1), ctx));
    if (v.is_scalar()) return v.scalar();
    return v.make_array()->GetScalar(0);
  };

  WindowFrame frame = spec.frame;
  if (!spec.has_frame) {
    frame.type = spec.order_by.empty() ? WindowFrame::Type::kRows : WindowFrame::Type::kRange;
    frame.start.kind = FrameBound::Kind::kUnboundedPreceding;
    frame.end.kind = spec.order_by.empty() ? FrameBound::Kind::kUnboundedFollowing : FrameBound::Kind::kCurrentRow;
  }

  for (int64_t ps = 0; ps < n;) {
    int64_t pe = ps + 1;
    while (pe < n && RowsEqual(part_keys, pe - 1, pe)) ++pe;
    const int64_t count = pe - ps;
    // Peer groups: rows equal in every ORDER BY key.
    std::vector<int64_t> peer_start(count), peer_end(count), dense_rank(count);
    int64_t groups = 0;
    for (int64_t i = 0; i < count;) {
      int64_t j = i + 1;
      while (j < count && RowsEqual(order_keys, ps + j - 1, ps + j)) ++j;
      ++groups;
      for (int64_t k = i; k < j; ++k) {
        peer_start[k] = i;
        peer_end[k] = j;
        dense_rank[k] = groups;
      }
      i = j;
    }
    auto bound_position = [&](const FrameBound& b, int64_t i, bool is_end) -> int64_t {
      // Returns an index in [0, count] within the partition; end bounds are exclusive.
      switch (b.kind) {
        case FrameBound::Kind::kUnboundedPreceding: return 0;
        case FrameBound::Kind::kUnboundedFollowing: return count;
        case FrameBound::Kind::kCurrentRow:
          if (frame.type == WindowFrame::Type::kRows) return is_end ? i + 1 : i;
          return is_end ? peer_end[i] : peer_start[i];
        case FrameBound::Kind::kPreceding:
        case FrameBound::Kind::kFollowing: {
          const bool preceding = b.kind == FrameBound::Kind::kPreceding;
          if (frame.type == WindowFrame::Type::kRows) {
            int64_t off = LiteralInt(b.offset, 0);
            int64_t pos = preceding ? i - off : i + off;
            return std::clamp<int64_t>(is_end ? pos + 1 : pos, 0, count);
          }
          // RANGE n PRECEDING / FOLLOWING over one numeric ORDER BY key.
          const auto& key = *order_keys.at(0);
          double delta = LiteralDouble(b.offset);
          bool asc = spec.order_by.at(0).ascending;
          double v = AsDouble(key, ps + i);
          double target = (preceding == asc) ? v - delta : v + delta;
          if (!is_end) {
            int64_t k = 0;
            while (k < count && (asc ? AsDouble(key, ps + k) < target : AsDouble(key, ps + k) > target)) ++k;
            return k;
          }
          int64_t k = count;
          while (k > 0 && (asc ? AsDouble(key, ps + k - 1) > target : AsDouble(key, ps + k - 1) < target)) --k;
          return k;
        }
      }
      return 0;
    };

    std::pair<int64_t, int64_t> cached_frame{-1, -1};
    std::shared_ptr<arrow::Scalar> cached;
    for (int64_t i = 0; i < count; ++i) {
      if (name == "row_number") {
        ARROW_RETURN_NOT_OK(append_int(i + 1));
      } else if (name == "rank") {
        ARROW_RETURN_NOT_OK(append_int(peer_start[i] + 1));
      } else if (name == "dense_rank") {
        ARROW_RETURN_NOT_OK(append_int(dense_rank[i]));
      } else if (name == "percent_rank") {
        ARROW_RETURN_NOT_OK(append_double(count <= 1 ? 0.0 : static_cast<double>(peer_start[i]) / (count - 1)));
      } else if (name == "cume_dist") {
        ARROW_RETURN_NOT_OK(append_double(static_cast<double>(peer_end[i]) / count));
      } else if (name == "ntile") {
        int64_t buckets = std::max<int64_t>(1, LiteralInt(fn.args.empty() ? nullptr : fn.args[0], 1));
        int64_t size = count / buckets, extra = count % buckets;
        // The first `extra` buckets hold size + 1 rows.
        int64_t bucket = i < extra * (size + 1) ? i / (size + 1) : extra + (i - extra * (size + 1)) / std::max<int64_t>(size, 1);
        ARROW_RETURN_NOT_OK(append_int(bucket + 1));
      } else if (name == "lag" || name == "lead") {
        int64_t off = fn.args.size() > 1 ? LiteralInt(fn.args[1], 1) : 1;
        int64_t pos = name == "lag" ? i - off : i + off;
        if (pos >= 0 && pos < count) {
          ARROW_RETURN_NOT_OK(append_value(args[0], ps + pos));
        } else if (fn.args.size() > 2) {
          ARROW_RETURN_NOT_OK(append_value(args[2], ps + i));
        } else {
          ARROW_RETURN_NOT_OK(builder->AppendNull());
        }
      } else {
        int64_t lo = bound_position(frame.start, i, false);
        int64_t hi = bound_position(frame.end, i, true);
        if (name == "first_value" || name == "first" || name == "last_value" || name == "last" ||
            name == "nth_value") {
          bool ignore_nulls = fn.ignore_nulls;
          if ((name == "first" || name == "last" || name == "first_value" || name == "last_value") &&
              fn.args.size() > 1) {
            ignore_nulls = LiteralInt(fn.args[1], 0) != 0;
          }
          int64_t pick = -1;
          if (name == "nth_value") {
            int64_t nth = LiteralInt(fn.args.at(1), 1);
            if (lo + nth - 1 < hi) pick = lo + nth - 1;
          } else if (name == "first_value" || name == "first") {
            for (int64_t k = lo; k < hi && pick < 0; ++k) {
              if (!ignore_nulls || args[0]->IsValid(ps + k)) pick = k;
            }
          } else {
            for (int64_t k = hi - 1; k >= lo && pick < 0; --k) {
              if (!ignore_nulls || args[0]->IsValid(ps + k)) pick = k;
            }
          }
          ARROW_RETURN_NOT_OK(append_value(args[0], pick < 0 ? -1 : ps + pick));
        } else if (aggregate) {
          if (std::make_pair(lo, hi) != cached_frame) {
            ARROW_ASSIGN_OR_RAISE(cached, aggregate_slice(ps + lo, ps + std::max(lo, hi)));
            cached_frame = {lo, hi};
          }
          std::shared_ptr<arrow::Scalar> v = cached;
          if (!v->type->Equals(*result_type)) {
      ARROW_ASSIGN_OR_RAISE(v, v->CastTo(result_type));
    }
          ARROW_RETURN_NOT_OK(builder->AppendScalar(*v));
        } else {
          return UserError("UNSUPPORTED_FEATURE.WINDOW_FUNCTION", "Window function {}() is not supported yet.", name);
        }
      }
    }
    ps = pe;
  }
  ARROW_ASSIGN_OR_RAISE(auto column, builder->Finish());
  ARROW_ASSIGN_OR_RAISE(auto out, batch->AddColumn(batch->num_columns(), FieldName(alias.attribute_id), column));
  return arrow::Table::FromRecordBatches({out});
}

}  // namespace tarn::exec
