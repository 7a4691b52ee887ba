#pragma once
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`): runs the fuzzing loop with
/// libFuzzer's command line, calling `callback` once per input. SwiftPM names every
/// executable's entry point itself, so `bhasha-fuzz` calls this instead of libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
