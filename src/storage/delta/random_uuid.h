// Random (version 4) UUIDs for file names, table ids and transaction ids.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace tarn::delta {

std::array<uint8_t, 16> RandomUuidBytes();
std::string FormatUuid(const std::array<uint8_t, 16>& bytes);
inline std::string RandomUuid() { return FormatUuid(RandomUuidBytes()); }

}  // namespace tarn::delta
