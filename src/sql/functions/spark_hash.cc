// Spark's hash functions, bit for bit: hash() is Murmur3 x86_32 and xxhash64() is XXH64, both
// with seed 42 and Spark's way of feeding each type (ints as one 4-byte word, longs as 8 bytes,
// strings by their UTF-8 bytes, -0.0 as 0.0, NULL leaves the running hash unchanged). Also the
// digests md5, sha1, sha2 (224 / 256) and crc32.
#include <array>
#include <cstring>

#include <arrow/api.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"

namespace tarn::sql::functions_internal {

namespace {

uint32_t Rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
uint64_t Rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

uint32_t LoadLe32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24); }
uint64_t LoadLe64(const uint8_t* p) { return LoadLe32(p) | (static_cast<uint64_t>(LoadLe32(p + 4)) << 32); }

// --- Murmur3 x86_32 as Spark's Murmur3_x86_32 ---
struct Murmur3 {
  static uint32_t MixK1(uint32_t k1) { return Rotl32(k1 * 0xcc9e2d51u, 15) * 0x1b873593u; }
  static uint32_t MixH1(uint32_t h1, uint32_t k1) { return Rotl32(h1 ^ k1, 13) * 5 + 0xe6546b64u; }
  static uint32_t Fmix(uint32_t h1, uint32_t length) {
    h1 ^= length;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    return h1 ^ (h1 >> 16);
  }
  using Hash = uint32_t;
  static Hash Int(int32_t v, Hash seed) { return Fmix(MixH1(seed, MixK1(static_cast<uint32_t>(v))), 4); }
  static Hash Long(int64_t v, Hash seed) {
    uint64_t u = static_cast<uint64_t>(v);
    uint32_t h1 = MixH1(seed, MixK1(static_cast<uint32_t>(u)));
    h1 = MixH1(h1, MixK1(static_cast<uint32_t>(u >> 32)));
    return Fmix(h1, 8);
  }
  static Hash Bytes(const uint8_t* p, size_t n, Hash seed) {
    size_t aligned = n - n % 4;
    uint32_t h1 = seed;
    for (size_t i = 0; i < aligned; i += 4) h1 = MixH1(h1, MixK1(LoadLe32(p + i)));
    // Spark feeds the tail byte by byte, each as a sign-extended int.
    for (size_t i = aligned; i < n; ++i) h1 = MixH1(h1, MixK1(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(p[i])))));
    return Fmix(h1, static_cast<uint32_t>(n));
  }
};

// --- XXH64 as Spark's XXH64 ---
struct XxHash64 {
  static constexpr uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL, P3 = 0x165667B19E3779F9ULL,
                            P4 = 0x85EBCA77C2B2AE63ULL, P5 = 0x27D4EB2F165667C5ULL;
  using Hash = uint64_t;
  static uint64_t Fmix(uint64_t h) {
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    return h ^ (h >> 32);
  }
  static Hash Int(int32_t v, Hash seed) {
    uint64_t h = seed + P5 + 4;
    h ^= (static_cast<uint64_t>(static_cast<uint32_t>(v))) * P1;
    h = Rotl64(h, 23) * P2 + P3;
    return Fmix(h);
  }
  static Hash Long(int64_t v, Hash seed) {
    uint64_t h = seed + P5 + 8;
    h ^= Rotl64(static_cast<uint64_t>(v) * P2, 31) * P1;
    h = Rotl64(h, 27) * P1 + P4;
    return Fmix(h);
  }
  static Hash Bytes(const uint8_t* p, size_t n, Hash seed) {
    size_t i = 0;
    uint64_t h;
    if (n >= 32) {
      uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
      for (; i + 32 <= n; i += 32) {
        v1 = Rotl64(v1 + LoadLe64(p + i) * P2, 31) * P1;
        v2 = Rotl64(v2 + LoadLe64(p + i + 8) * P2, 31) * P1;
        v3 = Rotl64(v3 + LoadLe64(p + i + 16) * P2, 31) * P1;
        v4 = Rotl64(v4 + LoadLe64(p + i + 24) * P2, 31) * P1;
      }
      h = Rotl64(v1, 1) + Rotl64(v2, 7) + Rotl64(v3, 12) + Rotl64(v4, 18);
      for (uint64_t v : {v1, v2, v3, v4}) {
        h ^= Rotl64(v * P2, 31) * P1;
        h = h * P1 + P4;
      }
    } else {
      h = seed + P5;
    }
    h += n;
    for (; i + 8 <= n; i += 8) {
      h ^= Rotl64(LoadLe64(p + i) * P2, 31) * P1;
      h = Rotl64(h, 27) * P1 + P4;
    }
    if (i + 4 <= n) {
      h ^= static_cast<uint64_t>(LoadLe32(p + i)) * P1;
      h = Rotl64(h, 23) * P2 + P3;
      i += 4;
    }
    for (; i < n; ++i) {
      h ^= static_cast<uint64_t>(p[i]) * P5;
      h = Rotl64(h, 11) * P1;
    }
    return Fmix(h);
  }
};

// Java's BigInteger.toByteArray: minimal big-endian two's complement.
std::vector<uint8_t> BigIntegerBytes(const arrow::Decimal128& v) {
  std::array<uint8_t, 16> le;
  v.ToBytes(le.data());
  std::vector<uint8_t> be(le.rbegin(), le.rend());
  size_t start = 0;
  while (start + 1 < be.size()) {
    bool redundant = (be[start] == 0x00 && !(be[start + 1] & 0x80)) || (be[start] == 0xFF && (be[start + 1] & 0x80));
    if (!redundant) break;
    ++start;
  }
  return {be.begin() + static_cast<std::ptrdiff_t>(start), be.end()};
}

template <typename H>
arrow::Result<typename H::Hash> HashValue(const arrow::Array& a, int64_t i, typename H::Hash seed) {
  if (a.IsNull(i)) return seed;
  switch (a.type_id()) {
    case arrow::Type::BOOL: return H::Int(static_cast<const arrow::BooleanArray&>(a).Value(i) ? 1 : 0, seed);
    case arrow::Type::INT8: return H::Int(static_cast<const arrow::Int8Array&>(a).Value(i), seed);
    case arrow::Type::INT16: return H::Int(static_cast<const arrow::Int16Array&>(a).Value(i), seed);
    case arrow::Type::INT32: return H::Int(static_cast<const arrow::Int32Array&>(a).Value(i), seed);
    case arrow::Type::DATE32: return H::Int(static_cast<const arrow::Date32Array&>(a).Value(i), seed);
    case arrow::Type::INT64: return H::Long(static_cast<const arrow::Int64Array&>(a).Value(i), seed);
    case arrow::Type::TIMESTAMP: return H::Long(static_cast<const arrow::TimestampArray&>(a).Value(i), seed);
    case arrow::Type::DURATION: return H::Long(static_cast<const arrow::DurationArray&>(a).Value(i), seed);
    case arrow::Type::INTERVAL_MONTHS: return H::Int(static_cast<const arrow::MonthIntervalArray&>(a).Value(i), seed);
    case arrow::Type::FLOAT: {
      float f = static_cast<const arrow::FloatArray&>(a).Value(i);
      if (f == 0.0f) return H::Int(0, seed);
      if (std::isnan(f)) return H::Int(0x7fc00000, seed);
      int32_t bits;
      std::memcpy(&bits, &f, 4);
      return H::Int(bits, seed);
    }
    case arrow::Type::DOUBLE: {
      double d = static_cast<const arrow::DoubleArray&>(a).Value(i);
      if (d == 0.0) return H::Long(0, seed);
      if (std::isnan(d)) return H::Long(0x7ff8000000000000LL, seed);
      int64_t bits;
      std::memcpy(&bits, &d, 8);
      return H::Long(bits, seed);
    }
    case arrow::Type::DECIMAL128: {
      arrow::Decimal128 v(static_cast<const arrow::Decimal128Array&>(a).GetValue(i));
      if (static_cast<const arrow::Decimal128Type&>(*a.type()).precision() <= 18) {
        return H::Long(static_cast<int64_t>(v.low_bits()), seed);
      }
      auto bytes = BigIntegerBytes(v);
      return H::Bytes(bytes.data(), bytes.size(), seed);
    }
    case arrow::Type::STRING:
    case arrow::Type::BINARY: {
      auto view = static_cast<const arrow::BinaryArray&>(a).GetView(i);
      return H::Bytes(reinterpret_cast<const uint8_t*>(view.data()), view.size(), seed);
    }
    case arrow::Type::LIST: {
      auto values = static_cast<const arrow::ListArray&>(a).value_slice(i);
      for (int64_t k = 0; k < values->length(); ++k) {
      ARROW_ASSIGN_OR_RAISE(seed, HashValue<H>(*values, k, seed));
    }
      return seed;
    }
    case arrow::Type::MAP: {
      const auto& m = static_cast<const arrow::MapArray&>(a);
      for (int64_t k = m.value_offset(i); k < m.value_offset(i) + m.value_length(i); ++k) {
        ARROW_ASSIGN_OR_RAISE(seed, HashValue<H>(*m.keys(), k, seed));
        ARROW_ASSIGN_OR_RAISE(seed, HashValue<H>(*m.items(), k, seed));
      }
      return seed;
    }
    case arrow::Type::STRUCT: {
      const auto& s = static_cast<const arrow::StructArray&>(a);
      for (int f = 0; f < s.num_fields(); ++f) {
        ARROW_ASSIGN_OR_RAISE(auto field, s.GetFlattenedField(f));
        ARROW_ASSIGN_OR_RAISE(seed, HashValue<H>(*field, i, seed));
      }
      return seed;
    }
    case arrow::Type::NA: return seed;
    default: return arrow::Status::NotImplemented("hash of ", a.type()->ToString());
  }
}

template <typename H, typename Builder, typename Out>
arrow::Status HashKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  Builder b;
  ARROW_RETURN_NOT_OK(b.Reserve(batch.length));
  for (int64_t i = 0; i < batch.length; ++i) {
    typename H::Hash h = 42;
    for (const auto& a : in) {
      ARROW_ASSIGN_OR_RAISE(h, HashValue<H>(*a, i, h));
    }
    b.UnsafeAppend(static_cast<Out>(h));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// --- digests ---
std::array<uint8_t, 16> Md5(std::string_view data) {
  static constexpr uint32_t kS[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                      5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                      4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                      6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  uint32_t k[64];
  for (int i = 0; i < 64; ++i) k[i] = static_cast<uint32_t>(std::floor(std::fabs(std::sin(i + 1.0)) * 4294967296.0));
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::string msg(data);
  uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 0; i < 8; ++i) msg += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (size_t off = 0; off < msg.size(); off += 64) {
    const auto* p = reinterpret_cast<const uint8_t*>(msg.data() + off);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (uint32_t i = 0; i < 64; ++i) {
      uint32_t f, g;
      if (i < 16) f = (b & c) | (~b & d), g = i;
      else if (i < 32) f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
      else if (i < 48) f = b ^ c ^ d, g = (3 * i + 5) % 16;
      else f = c ^ (b | ~d), g = (7 * i) % 16;
      f = f + a + k[i] + LoadLe32(p + 4 * g);
      a = d;
      d = c;
      c = b;
      b = b + Rotl32(f, static_cast<int>(kS[i]));
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
  }
  std::array<uint8_t, 16> out;
  for (int i = 0; i < 16; ++i) out[i] = static_cast<uint8_t>(h[i / 4] >> (8 * (i % 4)));
  return out;
}

std::string PadBigEndian(std::string_view data) {
  std::string msg(data);
  uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 7; i >= 0; --i) msg += static_cast<char>((bits >> (8 * i)) & 0xff);
  return msg;
}

uint32_t LoadBe32(const uint8_t* p) { return (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }

std::vector<uint8_t> Sha1(std::string_view data) {
  uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string msg = PadBigEndian(data);
  for (size_t off = 0; off < msg.size(); off += 64) {
    uint32_t w[80];
    for (int i = 0; i < 16; ++i) w[i] = LoadBe32(reinterpret_cast<const uint8_t*>(msg.data() + off + 4 * i));
    for (int i = 16; i < 80; ++i) w[i] = Rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      uint32_t f, k;
      if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999;
      else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
      else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
      else f = b ^ c ^ d, k = 0xCA62C1D6;
      uint32_t t = Rotl32(a, 5) + f + e + k + w[i];
      e = d, d = c, c = Rotl32(b, 30), b = a, a = t;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
  std::vector<uint8_t> out;
  for (uint32_t v : h) for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  return out;
}

std::vector<uint8_t> Sha256(std::string_view data, bool is224) {
  static constexpr uint32_t kK[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
      0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
      0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
      0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
      0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
      0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
      0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  if (is224) {
    const uint32_t h224[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                              0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    std::memcpy(h, h224, sizeof(h));
  }
  auto rotr = [](uint32_t x, int r) { return (x >> r) | (x << (32 - r)); };
  std::string msg = PadBigEndian(data);
  for (size_t off = 0; off < msg.size(); off += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) w[i] = LoadBe32(reinterpret_cast<const uint8_t*>(msg.data() + off + 4 * i));
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  std::vector<uint8_t> out;
  for (int i = 0; i < (is224 ? 7 : 8); ++i) for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(h[i] >> s));
  return out;
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

template <typename Bytes>
std::string Hex(const Bytes& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) s += kDigits[b >> 4], s += kDigits[b & 15];
  return s;
}

enum class Digest { kMd5, kSha1, kSha2 };

template <Digest kDigest>
arrow::Status DigestKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& data = static_cast<const arrow::BinaryArray&>(*in[0]);
  arrow::StringBuilder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    int64_t bits = 256;
    if (kDigest == Digest::kSha2) {
      const auto& len = static_cast<const arrow::Int32Array&>(*in[1]);
      if (len.IsNull(i)) {
        ARROW_RETURN_NOT_OK(b.AppendNull());
        continue;
      }
      bits = len.Value(i);
    }
    if (data.IsNull(i) || (kDigest == Digest::kSha2 && bits != 0 && bits != 224 && bits != 256)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    auto v = data.GetView(i);
    if (kDigest == Digest::kMd5) ARROW_RETURN_NOT_OK(b.Append(Hex(Md5(v))));
    if (kDigest == Digest::kSha1) ARROW_RETURN_NOT_OK(b.Append(Hex(Sha1(v))));
    if (kDigest == Digest::kSha2) ARROW_RETURN_NOT_OK(b.Append(Hex(Sha256(v, bits == 224))));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status Crc32Kernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& data = static_cast<const arrow::BinaryArray&>(*in[0]);
  arrow::Int64Builder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (data.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(b.Append(Crc32(data.GetView(i))));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

using Args = std::vector<ArgumentInfo>;

ScalarBinder HashBinder(std::string name, TypePtr result, std::string kernel) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, SIZE_MAX));
    std::vector<TypePtr> types;
    for (const auto& a : args) types.push_back(a.type);
    auto b = Fixed(types, result, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x));
    });
    b.nullable = false;
    return b;
  };
}

ScalarBinder DigestBinder(std::string name, std::string kernel, size_t arity, TypePtr result) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, arity, arity));
    std::vector<TypePtr> types = {arrow::binary()};
    if (arity == 2) types.push_back(arrow::int32());
    return Fixed(types, result, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x));
    });
  };
}

}  // namespace

arrow::Status RegisterHashKernels(cp::FunctionRegistry& r) {
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_murmur3_hash", 1, cp::InputType::Any(), arrow::int32(),
                                       HashKernel<Murmur3, arrow::Int32Builder, int32_t>));
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_xxhash64", 1, cp::InputType::Any(), arrow::int64(),
                                       HashKernel<XxHash64, arrow::Int64Builder, int64_t>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_md5", 1, {arrow::Type::BINARY}, arrow::utf8(), DigestKernel<Digest::kMd5>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_sha1", 1, {arrow::Type::BINARY}, arrow::utf8(), DigestKernel<Digest::kSha1>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_sha2", 2, {arrow::Type::BINARY, arrow::Type::INT32}, arrow::utf8(),
                                DigestKernel<Digest::kSha2>));
  return AddKernel(r, "tarn_crc32", 1, {arrow::Type::BINARY}, arrow::int64(), Crc32Kernel);
}

void AddHashFunctions(FunctionTable& t) {
  t.AddScalar("hash", "hash(expr1, expr2, ...) - Returns Spark's 32-bit Murmur3 hash (seed 42) of the arguments.",
              HashBinder("hash", arrow::int32(), "tarn_murmur3_hash"), "2.0.0");
  t.AddScalar("xxhash64", "xxhash64(expr1, expr2, ...) - Returns the 64-bit xxHash (seed 42) of the arguments.",
              HashBinder("xxhash64", arrow::int64(), "tarn_xxhash64"), "3.0.0");
  t.AddScalar("md5", "md5(expr) - Returns the MD5 digest of the binary `expr` as 32 hex digits.",
              DigestBinder("md5", "tarn_md5", 1, arrow::utf8()));
  t.AddScalar("sha1", "sha1(expr) - Returns the SHA-1 digest of the binary `expr` as hex digits.",
              DigestBinder("sha1", "tarn_sha1", 1, arrow::utf8()));
  t.AddAlias("sha", "sha1");
  t.AddScalar("sha2", "sha2(expr, bitLength) - Returns the SHA-2 digest (bitLength 224, 256 or 0 = 256) as hex digits; NULL for other lengths.",
              DigestBinder("sha2", "tarn_sha2", 2, arrow::utf8()));
  t.AddScalar("crc32", "crc32(expr) - Returns the CRC-32 checksum of the binary `expr` as a bigint.",
              DigestBinder("crc32", "tarn_crc32", 1, arrow::int64()));
}

}  // namespace tarn::sql::functions_internal
