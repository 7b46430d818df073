#include "storage/delta/random_uuid.h"

#include <random>

#include <fmt/format.h>

namespace tarn::delta {

std::array<uint8_t, 16> RandomUuidBytes() {
  // A fresh engine per call keeps this free of shared mutable state; random_device seeds it
  // so concurrent processes never pick the same names.
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  std::array<uint8_t, 16> b{};
  uint64_t hi = gen(), lo = gen();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<uint8_t>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<uint8_t>(lo >> (56 - 8 * i));
  }
  b[6] = (b[6] & 0x0F) | 0x40;  // version 4
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  return b;
}

std::string FormatUuid(const std::array<uint8_t, 16>& b) {
  return fmt::format("{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
                     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                     b[13], b[14], b[15]);
}

}  // namespace tarn::delta
