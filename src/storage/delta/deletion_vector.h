// Deletion vectors (PROTOCOL.md, "Deletion Vectors"): which rows of a data file are deleted.
// Pure codec: Z85 text, the RoaringBitmapArray layout and the DV file framing; no file I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "storage/delta/actions.h"

namespace tarn::delta {

// Z85 (ZeroMQ base85) as Delta uses it. Decoding needs a multiple of 5 characters.
arrow::Result<std::string> Z85Decode(std::string_view text);
// Encodes bytes, padding with zero bytes to a multiple of 4.
std::string Z85Encode(std::string_view bytes);

// Relative path of an on-disk DV for storage type 'u': "<prefix>/deletion_vector_<uuid>.bin".
arrow::Result<std::string> DeletionVectorRelativePath(const DeletionVectorDescriptor& dv);
// Location of the DV file: table_root joined with the relative path for 'u', the path itself for
// 'p'; an error for inline DVs.
arrow::Result<std::string> DeletionVectorFileLocation(const DeletionVectorDescriptor& dv,
                                                      const std::string& table_root);

// The serialized RoaringBitmapArray (magic 1681511377, count, then per 32-bit bucket its key and
// a portable roaring bitmap) -> sorted row indexes. Corrupt input is an error, never a crash.
arrow::Result<std::vector<uint64_t>> DecodeRoaringBitmapArray(std::string_view bytes);
std::string EncodeRoaringBitmapArray(const std::vector<uint64_t>& sorted_rows);

// Deleted row indexes for `dv`. `file_contents` is the whole DV file for 'u' and 'p' (ignored
// for inline DVs). Checks the CRC-32 and the cardinality.
arrow::Result<std::vector<uint64_t>> DecodeDeletionVector(const DeletionVectorDescriptor& dv,
                                                          std::string_view file_contents);

struct EncodedDeletionVectorFile {
  std::string file_bytes;  // version byte 1, then size / bitmap / CRC-32 at offset 1
  DeletionVectorDescriptor descriptor;
};
// A new DV file holding one bitmap, and its descriptor (storage type 'u', offset 1).
EncodedDeletionVectorFile EncodeDeletionVectorFile(const std::vector<uint64_t>& sorted_rows,
                                                   const std::array<uint8_t, 16>& uuid,
                                                   const std::string& prefix);

uint32_t Crc32(std::string_view bytes);

}  // namespace tarn::delta
