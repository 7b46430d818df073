// Statements on catalog objects: CREATE TABLE / CATALOG / SCHEMA / VOLUME / VIEW / FUNCTION,
// ALTER, USE, SHOW, COMMENT ON and DESCRIBE of catalog objects.
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

std::shared_ptr<TableDefinition> NewTableDefinition() { return std::make_shared<TableDefinition>(); }

}  // namespace

std::optional<ObjectKind> SqlParser::AcceptObjectKind() {
  static constexpr std::pair<std::string_view, ObjectKind> kKinds[] = {
      {"catalog", ObjectKind::kCatalog}, {"schema", ObjectKind::kSchema},   {"database", ObjectKind::kSchema},
      {"table", ObjectKind::kTable},     {"view", ObjectKind::kView},       {"volume", ObjectKind::kVolume},
      {"function", ObjectKind::kFunction}, {"column", ObjectKind::kColumn}};
  for (const auto& [word, kind] : kKinds) {
    if (AcceptKeyword(word)) return kind;
  }
  return std::nullopt;
}

arrow::Status SqlParser::ExpectIfNotExists() {
  ARROW_RETURN_NOT_OK(ExpectKeyword("if"));
  ARROW_RETURN_NOT_OK(ExpectKeyword("not"));
  return ExpectKeyword("exists");
}

bool SqlParser::AcceptIfExists() {
  if (IsKeyword("if") && IsKeyword("exists", 1)) {
    Next();
    Next();
    return true;
  }
  return false;
}

arrow::Result<ExprPtr> SqlParser::ParseExprKeepingText(std::string* text) {
  const Token& from = Peek();
  ARROW_ASSIGN_OR_RAISE(auto expr, ParseExpr());
  *text = TextSince(from);
  return expr;
}

arrow::Result<std::string> SqlParser::ParseStringLiteral() {
  if (Peek().kind != Token::Kind::kString) return SyntaxError();
  std::string text = Next().text;
  // Adjacent literals concatenate, as in Spark ('a' 'b').
  while (Peek().kind == Token::Kind::kString) text += Next().text;
  return text;
}

arrow::Result<PropertyList> SqlParser::ParsePropertyList() {
  PropertyList properties;
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  if (AcceptSymbol(")")) return properties;
  do {
    std::string key;
    if (Peek().kind == Token::Kind::kString) {
      key = Next().text;
    } else {
      ARROW_ASSIGN_OR_RAISE(auto parts, ParseMultipartName());
      for (const auto& p : parts) key += (key.empty() ? "" : ".") + p;
    }
    AcceptSymbol("=");
    std::string value;
    const Token& t = Peek();
    if (t.kind == Token::Kind::kString || t.kind == Token::Kind::kNumber || t.kind == Token::Kind::kWord) {
      value = Next().text;
    } else if (t.kind == Token::Kind::kSymbol && t.text == "-" && Peek(1).kind == Token::Kind::kNumber) {
      Next();
      value = "-" + Next().text;
    } else if (!(t.kind == Token::Kind::kSymbol && (t.text == "," || t.text == ")"))) {
      return SyntaxError();
    }
    properties.emplace_back(std::move(key), std::move(value));
  } while (AcceptSymbol(","));
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return properties;
}

arrow::Result<std::vector<std::vector<std::string>>> SqlParser::ParseColumnPathList() {
  std::vector<std::vector<std::string>> columns;
  const bool parenthesized = AcceptSymbol("(");
  do {
    ARROW_ASSIGN_OR_RAISE(auto path, ParseMultipartName());
    columns.push_back(std::move(path));
  } while (AcceptSymbol(","));
  if (parenthesized) ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return columns;
}

arrow::Result<ColumnDefinition> SqlParser::ParseColumnDefinition() {
  ColumnDefinition column;
  column.position = Pos();
  ARROW_ASSIGN_OR_RAISE(auto path, ParseMultipartName());
  for (const auto& p : path) column.name += (column.name.empty() ? "" : ".") + p;
  AcceptSymbol(":");
  ARROW_ASSIGN_OR_RAISE(column.type, ParseType());
  for (;;) {
    if (AcceptKeywords("not", "null")) {
      column.not_null = true;
    } else if (AcceptKeyword("null")) {
      column.not_null = false;
    } else if (AcceptKeyword("comment")) {
      ARROW_ASSIGN_OR_RAISE(column.comment, ParseStringLiteral());
    } else if (AcceptKeyword("default")) {
      ARROW_ASSIGN_OR_RAISE(column.default_value, ParseExpr());
    } else if (IsKeyword("generated")) {
      const Token& generated = Next();
      if (!AcceptKeyword("always")) {
        ARROW_RETURN_NOT_OK(ExpectKeyword("by"));
        ARROW_RETURN_NOT_OK(ExpectKeyword("default"));
      }
      ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
      if (AcceptKeyword("identity")) {
        column.identity = true;
        if (IsSymbol("(")) {
          int depth = 0;
          do {  // identity options are not kept: such tables are refused at CREATE
            if (IsSymbol("(")) ++depth;
            if (IsSymbol(")")) --depth;
            if (AtEnd()) return SyntaxError();
            Next();
          } while (depth > 0);
        }
      } else {
        ARROW_RETURN_NOT_OK(ExpectSymbol("("));
        ARROW_ASSIGN_OR_RAISE(column.generated_as, ParseExpr());
        ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      }
      (void)generated;
    } else {
      break;
    }
  }
  return column;
}

arrow::Result<Statement> SqlParser::ParseCreateTable(const Token& first, bool or_replace, bool replace) {
  (void)first;
  Statement statement;
  statement.kind = StatementKind::kCreateTable;
  statement.object = ObjectKind::kTable;
  auto def = NewTableDefinition();
  def->or_replace = or_replace;
  def->replace = replace;
  def->external = AcceptKeyword("external");
  ARROW_RETURN_NOT_OK(ExpectKeyword("table"));
  if (IsKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectIfNotExists());
    def->if_not_exists = true;
  }
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  def->name = statement.target;
  if (!statement.table.path.empty()) {
    // CREATE TABLE delta.`/path` (...): a table at a path, not in the catalog.
    def->location = statement.table.path;
    def->format = statement.table.format;
  }
  if (IsSymbol("(") && !StartsQuery(1)) {
    Next();
    def->columns_given = true;
    do {
      if (AcceptKeyword("constraint")) {
        ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
        if (!IsKeyword("check")) return Unsupported(Peek(), "CONSTRAINT other than CHECK in CREATE TABLE");
        Next();
        const Token& open = Peek();
        ARROW_RETURN_NOT_OK(ExpectSymbol("("));
        const Token& from = Peek();
        ARROW_RETURN_NOT_OK(ParseExpr().status());
        const Token& to = tokens_[pos_ - 1];
        ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
        (void)open;
        def->check_constraints.emplace_back(name, std::string(SourceText(from, to)));
        continue;
      }
      if (IsKeyword("primary") || IsKeyword("foreign")) {
        return Unsupported(Peek(), "PRIMARY KEY / FOREIGN KEY constraints");
      }
      ARROW_ASSIGN_OR_RAISE(auto column, ParseColumnDefinition());
      def->columns.push_back(std::move(column));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  // The clauses may come in any order, each at most once.
  std::set<std::string> seen;
  auto once = [&](const std::string& clause) -> arrow::Status {
    if (!seen.insert(clause).second) {
      return ErrorAt(tokens_[pos_ - 1], "DUPLICATE_CLAUSES",
                     fmt::format("Found duplicate clauses: {}. Please, remove one of them.", clause));
    }
    return arrow::Status::OK();
  };
  for (;;) {
    if (AcceptKeyword("using")) {
      ARROW_RETURN_NOT_OK(once("USING"));
      ARROW_ASSIGN_OR_RAISE(auto format, ParseIdentifier());
      def->format = AsciiLower(format);
    } else if (AcceptKeyword("options")) {
      ARROW_RETURN_NOT_OK(once("OPTIONS"));
      ARROW_ASSIGN_OR_RAISE(def->options, ParsePropertyList());
    } else if (IsKeyword("partitioned") && IsKeyword("by", 1)) {
      Next();
      Next();
      ARROW_RETURN_NOT_OK(once("PARTITIONED BY"));
      ARROW_RETURN_NOT_OK(ExpectSymbol("("));
      do {
        ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
        if (!IsSymbol(",") && !IsSymbol(")")) {
          // Hive style: PARTITIONED BY (p STRING): the column is declared here.
          ColumnDefinition column;
          column.name = name;
          ARROW_ASSIGN_OR_RAISE(column.type, ParseType());
          def->columns.push_back(std::move(column));
        }
        def->partition_by.push_back(std::move(name));
      } while (AcceptSymbol(","));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    } else if (IsKeyword("cluster") && IsKeyword("by", 1)) {
      Next();
      Next();
      ARROW_RETURN_NOT_OK(once("CLUSTER BY"));
      if (AcceptKeyword("auto")) {
        def->cluster_by_auto = true;
      } else if (!AcceptKeyword("none")) {
        ARROW_ASSIGN_OR_RAISE(auto columns, ParseColumnPathList());
        for (const auto& c : columns) {
          std::string name;
          for (const auto& p : c) name += (name.empty() ? "" : ".") + p;
          def->cluster_by.push_back(std::move(name));
        }
      }
    } else if (AcceptKeyword("location")) {
      ARROW_RETURN_NOT_OK(once("LOCATION"));
      ARROW_ASSIGN_OR_RAISE(auto location, ParseStringLiteral());
      def->location = std::move(location);
    } else if (AcceptKeyword("comment")) {
      ARROW_RETURN_NOT_OK(once("COMMENT"));
      ARROW_ASSIGN_OR_RAISE(auto comment, ParseStringLiteral());
      def->comment = std::move(comment);
    } else if (AcceptKeyword("tblproperties")) {
      ARROW_RETURN_NOT_OK(once("TBLPROPERTIES"));
      ARROW_ASSIGN_OR_RAISE(def->properties, ParsePropertyList());
    } else if (IsKeyword("row") || IsKeyword("stored")) {
      return Unsupported(Peek(), "CREATE TABLE with Hive storage clauses (ROW FORMAT / STORED AS)");
    } else {
      break;
    }
  }
  if (AcceptKeyword("as")) {
    if (!StartsQuery()) return SyntaxError();
    ARROW_ASSIGN_OR_RAISE(def->as_query, ParseQuery());
  } else if (StartsQuery() && !IsSymbol("(")) {
    ARROW_ASSIGN_OR_RAISE(def->as_query, ParseQuery());
  }
  statement.or_replace = or_replace;
  statement.if_exists = def->if_not_exists;
  statement.table_def = std::move(def);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCreateView(const Token& first, bool or_replace) {
  (void)first;
  Statement statement;
  statement.kind = StatementKind::kCreateObject;
  statement.object = ObjectKind::kView;
  auto spec = std::make_shared<CreateObjectSpec>();
  spec->or_replace = or_replace;
  if (IsKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectIfNotExists());
    spec->if_not_exists = true;
  }
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  if (AcceptSymbol("(")) {
    do {
      ARROW_ASSIGN_OR_RAISE(auto column, ParseIdentifier());
      std::optional<std::string> comment;
      if (AcceptKeyword("comment")) {
        ARROW_ASSIGN_OR_RAISE(comment, ParseStringLiteral());
      }
      spec->column_names.push_back(std::move(column));
      spec->column_comments.push_back(std::move(comment));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  for (;;) {
    if (AcceptKeyword("comment")) {
      ARROW_ASSIGN_OR_RAISE(spec->comment, ParseStringLiteral());
    } else if (AcceptKeyword("tblproperties")) {
      ARROW_ASSIGN_OR_RAISE(spec->properties, ParsePropertyList());
    } else {
      break;
    }
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
  if (!StartsQuery()) return SyntaxError();
  const Token& from = Peek();
  ARROW_ASSIGN_OR_RAISE(spec->query, ParseQuery());
  spec->query_text = TextSince(from);
  statement.or_replace = or_replace;
  statement.if_exists = spec->if_not_exists;
  statement.column_names = spec->column_names;
  statement.create = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCreateFunction(const Token& first, bool or_replace, bool temporary) {
  (void)first;
  Statement statement;
  statement.kind = StatementKind::kCreateObject;
  statement.object = ObjectKind::kFunction;
  statement.temporary = temporary;
  auto spec = std::make_shared<CreateObjectSpec>();
  spec->or_replace = or_replace;
  spec->temporary = temporary;
  if (IsKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectIfNotExists());
    spec->if_not_exists = true;
  }
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  if (!AcceptSymbol(")")) {
    do {
      FunctionParameter parameter;
      ARROW_ASSIGN_OR_RAISE(parameter.name, ParseIdentifier());
      const Token& type_from = Peek();
      ARROW_ASSIGN_OR_RAISE(parameter.type, ParseType());
      parameter.type_text = std::string(SourceText(type_from, tokens_[pos_ - 1]));
      for (;;) {
        if (AcceptKeyword("default")) {
          const Token& from = Peek();
          ARROW_RETURN_NOT_OK(ParseExpr().status());
          parameter.default_text = TextSince(from);
        } else if (AcceptKeyword("comment")) {
          ARROW_ASSIGN_OR_RAISE(parameter.comment, ParseStringLiteral());
        } else {
          break;
        }
      }
      spec->parameters.push_back(std::move(parameter));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("returns"));
  if (IsKeyword("table")) return Unsupported(Peek(), "CREATE FUNCTION ... RETURNS TABLE (SQL table functions)");
  const Token& type_from = Peek();
  ARROW_ASSIGN_OR_RAISE(spec->return_type, ParseType());
  spec->return_type_text = std::string(SourceText(type_from, tokens_[pos_ - 1]));
  for (;;) {
    if (AcceptKeyword("comment")) {
      ARROW_ASSIGN_OR_RAISE(spec->comment, ParseStringLiteral());
    } else if (AcceptKeyword("language")) {
      if (!AcceptKeyword("sql")) return Unsupported(Peek(), "CREATE FUNCTION with a LANGUAGE other than SQL");
    } else if (AcceptKeyword("deterministic")) {
      spec->deterministic = true;
    } else if (AcceptKeywords("not", "deterministic")) {
      spec->deterministic = false;
    } else if (AcceptKeywords("contains", "sql")) {
    } else if (AcceptKeyword("reads")) {
      ARROW_RETURN_NOT_OK(ExpectKeyword("sql"));
      ARROW_RETURN_NOT_OK(ExpectKeyword("data"));
    } else {
      break;
    }
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("return"));
  const Token& from = Peek();
  if (StartsQuery() && !IsSymbol("(")) {
    return Unsupported(Peek(), "CREATE FUNCTION with a query body");
  }
  ARROW_ASSIGN_OR_RAISE(spec->body, ParseExpr());
  spec->body_text = TextSince(from);
  statement.or_replace = or_replace;
  statement.if_exists = spec->if_not_exists;
  statement.create = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCreateObject(const Token& first, bool or_replace) {
  Statement statement;
  statement.kind = StatementKind::kCreateObject;
  auto spec = std::make_shared<CreateObjectSpec>();
  spec->or_replace = or_replace;
  spec->external = AcceptKeyword("external");
  auto kind = AcceptObjectKind();
  if (!kind || (*kind != ObjectKind::kCatalog && *kind != ObjectKind::kSchema && *kind != ObjectKind::kVolume)) {
    return SyntaxError();
  }
  if (or_replace) return Unsupported(first, "CREATE OR REPLACE " + std::string(ObjectKindName(*kind)));
  statement.object = *kind;
  if (IsKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectIfNotExists());
    spec->if_not_exists = true;
  }
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  for (;;) {
    if (AcceptKeyword("comment")) {
      ARROW_ASSIGN_OR_RAISE(spec->comment, ParseStringLiteral());
    } else if (AcceptKeyword("location") || AcceptKeywords("managed", "location")) {
      ARROW_ASSIGN_OR_RAISE(spec->location, ParseStringLiteral());
    } else if (AcceptKeywords("with", "dbproperties") || AcceptKeyword("options") ||
               (IsKeyword("with") && IsKeyword("properties", 1) && (Next(), Next(), true))) {
      ARROW_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
      spec->properties.insert(spec->properties.end(), properties.begin(), properties.end());
    } else if (AcceptKeyword("default") || AcceptKeyword("using")) {
      return Unsupported(tokens_[pos_ - 1], "this CREATE clause");
    } else {
      break;
    }
  }
  if (*kind == ObjectKind::kVolume && spec->external && !spec->location) {
    return ErrorAt(first, "PARSE_SYNTAX_ERROR", "CREATE EXTERNAL VOLUME needs a LOCATION.");
  }
  statement.if_exists = spec->if_not_exists;
  statement.create = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseUse() {
  Next();  // USE
  Statement statement;
  statement.kind = StatementKind::kUse;
  statement.object = ObjectKind::kSchema;
  if (AcceptKeyword("catalog")) {
    statement.object = ObjectKind::kCatalog;
  } else if (AcceptKeyword("schema") || AcceptKeyword("database") || AcceptKeyword("namespace")) {
    statement.object = ObjectKind::kSchema;
  }
  if (Peek().kind == Token::Kind::kString) {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseStringLiteral());
    statement.target = {name};
  } else {
    ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  }
  return statement;
}

arrow::Result<Statement> SqlParser::ParseShow() {
  const Token& show = Next();  // SHOW
  Statement statement;
  statement.kind = StatementKind::kShow;
  auto spec = std::make_shared<ShowSpec>();
  auto accept_in = [&]() -> arrow::Status {
    if (AcceptKeyword("from") || AcceptKeyword("in")) {
      ARROW_ASSIGN_OR_RAISE(spec->in, ParseMultipartName());
    }
    return arrow::Status::OK();
  };
  auto accept_pattern = [&]() -> arrow::Status {
    const bool like = AcceptKeyword("like");
    if (Peek().kind == Token::Kind::kString) {
      ARROW_ASSIGN_OR_RAISE(spec->pattern, ParseStringLiteral());
    } else if (like) {
      return SyntaxError();
    }
    return arrow::Status::OK();
  };
  if (AcceptKeyword("catalogs")) {
    spec->kind = ShowKind::kCatalogs;
    ARROW_RETURN_NOT_OK(accept_pattern());
  } else if (AcceptKeyword("schemas") || AcceptKeyword("databases") || AcceptKeyword("namespaces")) {
    spec->kind = ShowKind::kSchemas;
    ARROW_RETURN_NOT_OK(accept_in());
    ARROW_RETURN_NOT_OK(accept_pattern());
  } else if (AcceptKeyword("tables")) {
    spec->kind = ShowKind::kTables;
    ARROW_RETURN_NOT_OK(accept_in());
    ARROW_RETURN_NOT_OK(accept_pattern());
  } else if (AcceptKeyword("views")) {
    spec->kind = ShowKind::kViews;
    ARROW_RETURN_NOT_OK(accept_in());
    ARROW_RETURN_NOT_OK(accept_pattern());
  } else if (AcceptKeyword("volumes")) {
    spec->kind = ShowKind::kVolumes;
    ARROW_RETURN_NOT_OK(accept_in());
    ARROW_RETURN_NOT_OK(accept_pattern());
  } else if (AcceptKeyword("columns")) {
    spec->kind = ShowKind::kColumns;
    if (!AcceptKeyword("from") && !AcceptKeyword("in")) return SyntaxError();
    ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
    if (AcceptKeyword("from") || AcceptKeyword("in")) {
      ARROW_ASSIGN_OR_RAISE(auto schema, ParseMultipartName());
      schema.push_back(statement.target.back());
      statement.target = std::move(schema);
    }
  } else if (AcceptKeywords("create", "table")) {
    spec->kind = ShowKind::kCreateTable;
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
    AcceptKeywords("as", "serde");
  } else if (AcceptKeyword("tblproperties")) {
    spec->kind = ShowKind::kTblProperties;
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
    if (AcceptSymbol("(")) {
      if (Peek().kind == Token::Kind::kString) {
        spec->property_key = Next().text;
      } else {
        ARROW_ASSIGN_OR_RAISE(auto key, ParseMultipartName());
        for (const auto& p : key) spec->property_key += (spec->property_key.empty() ? "" : ".") + p;
      }
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    }
  } else if (AcceptKeyword("partitions")) {
    spec->kind = ShowKind::kPartitions;
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  } else {
    std::string what = "SHOW";
    if (Peek().kind == Token::Kind::kWord) what += " " + AsciiLower(Peek().text);
    for (auto& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Unsupported(show, what);
  }
  statement.show = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCommentOn() {
  Next();  // COMMENT
  ARROW_RETURN_NOT_OK(ExpectKeyword("on"));
  Statement statement;
  statement.kind = StatementKind::kCommentOn;
  auto kind = AcceptObjectKind();
  if (!kind || *kind == ObjectKind::kFunction) return SyntaxError();
  statement.object = *kind;
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  ARROW_RETURN_NOT_OK(ExpectKeyword("is"));
  if (!AcceptKeyword("null")) {
    ARROW_ASSIGN_OR_RAISE(statement.comment, ParseStringLiteral());
  }
  return statement;
}

arrow::Result<Statement> SqlParser::ParseDescribeObject(Statement statement) {
  // After DESCRIBE CATALOG / SCHEMA / VOLUME.
  statement.kind = StatementKind::kDescribeObject;
  statement.extended = AcceptKeyword("extended");
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  return statement;
}

arrow::Result<Statement> SqlParser::ParseAlter() {
  const Token& alter = Next();  // ALTER
  Statement statement;
  statement.kind = StatementKind::kAlterObject;
  auto kind = AcceptObjectKind();
  if (!kind || *kind == ObjectKind::kColumn) return SyntaxError();
  if (*kind == ObjectKind::kFunction) return Unsupported(alter, "ALTER FUNCTION");
  statement.object = *kind;
  if (*kind == ObjectKind::kTable) {
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  } else {
    ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  }
  return ParseAlterTable(std::move(statement));
}

arrow::Result<Statement> SqlParser::ParseAlterTable(Statement statement) {
  auto spec = std::make_shared<AlterSpec>();
  const Token& at = Peek();
  auto join = [](const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : ".") + p;
    return s;
  };
  if (AcceptKeyword("rename")) {
    if (AcceptKeyword("to")) {
      spec->action = AlterAction::kRename;
      ARROW_ASSIGN_OR_RAISE(spec->new_name, ParseMultipartName());
    } else {
      ARROW_RETURN_NOT_OK(ExpectKeyword("column"));
      spec->action = AlterAction::kRenameColumn;
      ARROW_ASSIGN_OR_RAISE(spec->column, ParseMultipartName());
      ARROW_RETURN_NOT_OK(ExpectKeyword("to"));
      ARROW_ASSIGN_OR_RAISE(spec->new_column_name, ParseIdentifier());
    }
  } else if (AcceptKeyword("set")) {
    if (AcceptKeyword("tblproperties") || AcceptKeyword("dbproperties") || AcceptKeyword("properties")) {
      spec->action = AlterAction::kSetProperties;
      ARROW_ASSIGN_OR_RAISE(spec->properties, ParsePropertyList());
    } else if (AcceptKeyword("location")) {
      spec->action = AlterAction::kSetLocation;
      ARROW_ASSIGN_OR_RAISE(spec->location, ParseStringLiteral());
    } else if (AcceptKeyword("owner")) {
      ARROW_RETURN_NOT_OK(ExpectKeyword("to"));
      spec->action = AlterAction::kSetOwner;
      ARROW_ASSIGN_OR_RAISE(spec->owner, ParseIdentifier());
    } else {
      return Unsupported(at, "this ALTER ... SET clause");
    }
  } else if (AcceptKeyword("owner")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("to"));
    spec->action = AlterAction::kSetOwner;
    ARROW_ASSIGN_OR_RAISE(spec->owner, ParseIdentifier());
  } else if (AcceptKeyword("unset")) {
    if (!AcceptKeyword("tblproperties") && !AcceptKeyword("dbproperties") && !AcceptKeyword("properties")) {
      return SyntaxError();
    }
    spec->action = AlterAction::kUnsetProperties;
    spec->if_exists = AcceptIfExists();
    ARROW_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
    for (auto& [key, value] : properties) {
      if (!value.empty()) return SyntaxError();
      spec->keys.push_back(key);
    }
  } else if (AcceptKeyword("add")) {
    if (AcceptKeyword("constraint")) {
      spec->action = AlterAction::kAddConstraint;
      ARROW_ASSIGN_OR_RAISE(spec->constraint_name, ParseIdentifier());
      ARROW_RETURN_NOT_OK(ExpectKeyword("check"));
      ARROW_RETURN_NOT_OK(ExpectSymbol("("));
      ARROW_ASSIGN_OR_RAISE(spec->constraint, ParseExprKeepingText(&spec->constraint_text));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    } else {
      if (!AcceptKeyword("columns")) AcceptKeyword("column");
      spec->action = AlterAction::kAddColumns;
      const bool parenthesized = AcceptSymbol("(");
      do {
        ARROW_ASSIGN_OR_RAISE(auto column, ParseColumnDefinition());
        std::string position;
        if (AcceptKeyword("first")) {
          position = "FIRST";
        } else if (AcceptKeyword("after")) {
          ARROW_ASSIGN_OR_RAISE(auto after, ParseIdentifier());
          position = "AFTER " + after;
        }
        spec->columns.push_back(std::move(column));
        spec->column_positions.push_back(std::move(position));
      } while (AcceptSymbol(","));
      if (parenthesized) ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    }
  } else if (AcceptKeyword("drop")) {
    if (AcceptKeyword("constraint")) {
      spec->action = AlterAction::kDropConstraint;
      spec->if_exists = AcceptIfExists();
      ARROW_ASSIGN_OR_RAISE(spec->constraint_name, ParseIdentifier());
    } else {
      if (!AcceptKeyword("columns")) ARROW_RETURN_NOT_OK(ExpectKeyword("column"));
      spec->action = AlterAction::kDropColumns;
      spec->if_exists = AcceptIfExists();
      ARROW_ASSIGN_OR_RAISE(spec->drop_columns, ParseColumnPathList());
    }
  } else if (AcceptKeyword("alter") || AcceptKeyword("change")) {
    const bool change = AsciiLower(tokens_[pos_ - 1].text) == "change";
    AcceptKeyword("column");
    spec->action = AlterAction::kAlterColumn;
    ARROW_ASSIGN_OR_RAISE(spec->column, ParseMultipartName());
    if (change && IsIdentifierToken() && !IsKeyword("comment") && !IsKeyword("type") && !IsKeyword("first") &&
        !IsKeyword("after") && !IsKeyword("set") && !IsKeyword("drop")) {
      // Hive's CHANGE COLUMN old new type [COMMENT ..]: only the same name is allowed, as in Delta.
      ARROW_ASSIGN_OR_RAISE(auto new_name, ParseIdentifier());
      if (AsciiLower(new_name) != AsciiLower(spec->column.back())) {
        return Unsupported(at, "CHANGE COLUMN with a new name (use RENAME COLUMN)");
      }
      ARROW_ASSIGN_OR_RAISE(spec->new_type, ParseType());
    }
    for (;;) {
      if (AcceptKeyword("comment")) {
        ARROW_ASSIGN_OR_RAISE(spec->comment, ParseStringLiteral());
      } else if (AcceptKeyword("type")) {
        ARROW_ASSIGN_OR_RAISE(spec->new_type, ParseType());
      } else if (AcceptKeyword("first")) {
        spec->position = "FIRST";
      } else if (AcceptKeyword("after")) {
        ARROW_ASSIGN_OR_RAISE(auto after, ParseIdentifier());
        spec->position = "AFTER " + after;
      } else if (IsKeyword("set") && IsKeyword("not", 1)) {
        Next();
        Next();
        ARROW_RETURN_NOT_OK(ExpectKeyword("null"));
        spec->set_not_null = true;
      } else if (IsKeyword("drop") && IsKeyword("not", 1)) {
        Next();
        Next();
        ARROW_RETURN_NOT_OK(ExpectKeyword("null"));
        spec->set_not_null = false;
      } else if (IsKeyword("set") || IsKeyword("drop")) {
        return Unsupported(Peek(), "ALTER COLUMN ... SET/DROP DEFAULT");
      } else {
        break;
      }
    }
  } else if (IsKeyword("cluster") && IsKeyword("by", 1)) {
    Next();
    Next();
    spec->action = AlterAction::kClusterBy;
    if (!AcceptKeyword("none")) {
      ARROW_ASSIGN_OR_RAISE(auto columns, ParseColumnPathList());
      for (const auto& c : columns) spec->cluster_by.push_back(join(c));
    }
  } else if (statement.object == ObjectKind::kView && AcceptKeyword("as")) {
    spec->action = AlterAction::kAsQuery;
    const Token& from = Peek();
    ARROW_ASSIGN_OR_RAISE(spec->query, ParseQuery());
    spec->query_text = TextSince(from);
  } else {
    return Unsupported(at, "this ALTER " + std::string(ObjectKindName(statement.object)) + " clause");
  }
  statement.alter = std::move(spec);
  return statement;
}

}  // namespace tarn::sql::parser_internal
