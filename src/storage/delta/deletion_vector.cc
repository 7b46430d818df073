#include "storage/delta/deletion_vector.h"

#include <roaring/roaring.h>

#include <cstring>
#include <memory>

#include "errors/error_class.h"
#include "storage/delta/random_uuid.h"

namespace tarn::delta {

namespace {

constexpr char kZ85Alphabet[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr uint32_t kRoaringArrayMagic = 1681511377;

struct RoaringDeleter {
  void operator()(roaring_bitmap_t* r) const { roaring_bitmap_free(r); }
};
using RoaringPtr = std::unique_ptr<roaring_bitmap_t, RoaringDeleter>;

arrow::Status Corrupt(const std::string& why) {
  return UserError("DELTA_DELETION_VECTOR_CORRUPT", "Deletion vector is corrupt: {}", why);
}

uint32_t ReadLe32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // little-endian hosts only (x86-64, arm64)
}

uint32_t ReadBe32(const char* p) {
  auto b = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

void AppendBe32(std::string* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<char>((v >> s) & 0xFF));
}

void AppendLe(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

uint32_t Crc32(std::string_view bytes) {
  static constexpr auto kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = kTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

arrow::Result<std::string> Z85Decode(std::string_view text) {
  if (text.size() % 5 != 0) return Corrupt("Z85 text length is not a multiple of 5");
  std::array<int, 256> index;
  index.fill(-1);
  for (int i = 0; i < 85; ++i) index[static_cast<unsigned char>(kZ85Alphabet[i])] = i;
  std::string out;
  out.reserve(text.size() / 5 * 4);
  for (size_t i = 0; i < text.size(); i += 5) {
    uint64_t value = 0;
    for (size_t k = 0; k < 5; ++k) {
      int d = index[static_cast<unsigned char>(text[i + k])];
      if (d < 0) return Corrupt("invalid Z85 character");
      value = value * 85 + static_cast<uint64_t>(d);
    }
    if (value > 0xFFFFFFFFull) return Corrupt("Z85 group out of range");
    AppendBe32(&out, static_cast<uint32_t>(value));
  }
  return out;
}

std::string Z85Encode(std::string_view bytes) {
  std::string padded(bytes);
  while (padded.size() % 4 != 0) padded.push_back('\0');
  std::string out;
  out.reserve(padded.size() / 4 * 5);
  for (size_t i = 0; i < padded.size(); i += 4) {
    uint64_t value = ReadBe32(padded.data() + i);
    char group[5];
    for (int k = 4; k >= 0; --k) {
      group[k] = kZ85Alphabet[value % 85];
      value /= 85;
    }
    out.append(group, 5);
  }
  return out;
}

arrow::Result<std::string> DeletionVectorRelativePath(const DeletionVectorDescriptor& dv) {
  if (dv.storage_type != "u") return arrow::Status::Invalid("not a relative deletion vector");
  if (dv.path_or_inline_dv.size() < 20) return Corrupt("pathOrInlineDv is too short for a UUID");
  const std::string prefix = dv.path_or_inline_dv.substr(0, dv.path_or_inline_dv.size() - 20);
  ARROW_ASSIGN_OR_RAISE(auto raw, Z85Decode(std::string_view(dv.path_or_inline_dv).substr(prefix.size())));
  std::array<uint8_t, 16> uuid{};
  std::memcpy(uuid.data(), raw.data(), 16);
  std::string name = "deletion_vector_" + FormatUuid(uuid) + ".bin";
  return prefix.empty() ? name : prefix + "/" + name;
}

arrow::Result<std::string> DeletionVectorFileLocation(const DeletionVectorDescriptor& dv,
                                                      const std::string& table_root) {
  if (dv.storage_type == "u") {
    ARROW_ASSIGN_OR_RAISE(auto rel, DeletionVectorRelativePath(dv));
    return table_root + "/" + rel;
  }
  if (dv.storage_type == "p") return dv.path_or_inline_dv;
  return arrow::Status::Invalid("inline deletion vectors have no file");
}

arrow::Result<std::vector<uint64_t>> DecodeRoaringBitmapArray(std::string_view bytes) {
  if (bytes.size() < 12) return Corrupt("bitmap shorter than its header");
  if (ReadLe32(bytes.data()) != kRoaringArrayMagic) return Corrupt("bad RoaringBitmapArray magic number");
  uint64_t count = uint64_t{ReadLe32(bytes.data() + 4)} | (uint64_t{ReadLe32(bytes.data() + 8)} << 32);
  size_t pos = 12;
  std::vector<uint64_t> rows;
  int64_t last_key = -1;
  for (uint64_t b = 0; b < count; ++b) {
    if (bytes.size() - pos < 4) return Corrupt("truncated bitmap key");
    uint32_t key = ReadLe32(bytes.data() + pos);
    pos += 4;
    if (static_cast<int64_t>(key) <= last_key) return Corrupt("bitmap keys are not increasing");
    last_key = key;
    size_t size = roaring_bitmap_portable_deserialize_size(bytes.data() + pos, bytes.size() - pos);
    if (size == 0) return Corrupt("invalid roaring bitmap");
    RoaringPtr bitmap(roaring_bitmap_portable_deserialize_safe(bytes.data() + pos, size));
    if (!bitmap) return Corrupt("invalid roaring bitmap");
    pos += size;
    uint64_t n = roaring_bitmap_get_cardinality(bitmap.get());
    std::vector<uint32_t> low(n);
    roaring_bitmap_to_uint32_array(bitmap.get(), low.data());
    for (uint32_t v : low) rows.push_back((uint64_t{key} << 32) | v);
  }
  return rows;
}

std::string EncodeRoaringBitmapArray(const std::vector<uint64_t>& sorted_rows) {
  std::string out;
  AppendLe(&out, kRoaringArrayMagic, 4);
  std::vector<std::pair<uint32_t, RoaringPtr>> buckets;
  for (uint64_t row : sorted_rows) {
    uint32_t key = static_cast<uint32_t>(row >> 32);
    if (buckets.empty() || buckets.back().first != key) buckets.emplace_back(key, RoaringPtr(roaring_bitmap_create()));
    roaring_bitmap_add(buckets.back().second.get(), static_cast<uint32_t>(row));
  }
  AppendLe(&out, buckets.size(), 8);
  for (auto& [key, bitmap] : buckets) {
    roaring_bitmap_run_optimize(bitmap.get());
    AppendLe(&out, key, 4);
    std::string buf(roaring_bitmap_portable_size_in_bytes(bitmap.get()), '\0');
    roaring_bitmap_portable_serialize(bitmap.get(), buf.data());
    out += buf;
  }
  return out;
}

arrow::Result<std::vector<uint64_t>> DecodeDeletionVector(const DeletionVectorDescriptor& dv,
                                                          std::string_view file_contents) {
  std::string bitmap;
  if (dv.storage_type == "i") {
    ARROW_ASSIGN_OR_RAISE(auto raw, Z85Decode(dv.path_or_inline_dv));
    if (dv.size_in_bytes < 0 || static_cast<size_t>(dv.size_in_bytes) > raw.size()) {
      return Corrupt("inline size larger than its data");
    }
    bitmap = raw.substr(0, static_cast<size_t>(dv.size_in_bytes));
  } else if (dv.storage_type == "u" || dv.storage_type == "p") {
    size_t offset = static_cast<size_t>(dv.offset.value_or(1));
    if (dv.offset && *dv.offset < 0) return Corrupt("negative offset");
    if (file_contents.size() < offset + 4) return Corrupt("file shorter than the descriptor's offset");
    uint32_t size = ReadBe32(file_contents.data() + offset);
    if (static_cast<int64_t>(size) != dv.size_in_bytes) return Corrupt("size does not match the descriptor");
    if (file_contents.size() - offset - 4 < static_cast<size_t>(size) + 4) return Corrupt("truncated file");
    bitmap = std::string(file_contents.substr(offset + 4, size));
    uint32_t expected = ReadBe32(file_contents.data() + offset + 4 + size);
    if (Crc32(bitmap) != expected) return Corrupt("checksum mismatch");
  } else {
    return Corrupt("unknown storage type '" + dv.storage_type + "'");
  }
  ARROW_ASSIGN_OR_RAISE(auto rows, DecodeRoaringBitmapArray(bitmap));
  if (static_cast<int64_t>(rows.size()) != dv.cardinality) {
    return Corrupt("cardinality does not match the descriptor");
  }
  return rows;
}

EncodedDeletionVectorFile EncodeDeletionVectorFile(const std::vector<uint64_t>& sorted_rows,
                                                   const std::array<uint8_t, 16>& uuid,
                                                   const std::string& prefix) {
  EncodedDeletionVectorFile out;
  std::string bitmap = EncodeRoaringBitmapArray(sorted_rows);
  out.file_bytes.push_back('\x01');
  AppendBe32(&out.file_bytes, static_cast<uint32_t>(bitmap.size()));
  out.file_bytes += bitmap;
  AppendBe32(&out.file_bytes, Crc32(bitmap));
  out.descriptor.storage_type = "u";
  out.descriptor.path_or_inline_dv =
      prefix + Z85Encode(std::string_view(reinterpret_cast<const char*>(uuid.data()), uuid.size()));
  out.descriptor.offset = 1;
  out.descriptor.size_in_bytes = static_cast<int32_t>(bitmap.size());
  out.descriptor.cardinality = static_cast<int64_t>(sorted_rows.size());
  return out;
}

}  // namespace tarn::delta
