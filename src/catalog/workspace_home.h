// Where a tarn workspace lives on disk.
#pragma once

#include <string>

namespace tarn::catalog {

// $TARN_HOME when set and not empty, else "./tarn-workspace"; always made absolute.
std::string DefaultWorkspaceHome();

}  // namespace tarn::catalog
