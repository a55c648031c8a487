// Composition root: builds the object graph of a running service from a validated
// Config (store, services, router, pipeline, server) and runs it. The CLI calls these.
#pragma once

#include "platform/config.h"

namespace aicc {

// `aicc serve`: opens the store, applies migrations (unless disabled), serves until
// SIGTERM/SIGINT, then drains. Returns the process exit code.
int serve(const Config& config);

// `aicc migrate`: applies pending migrations (or, with status_only, reports them).
int migrate(const Config& config, bool status_only);

inline constexpr const char* kVersion = "0.1.0";

}  // namespace aicc
