// Declarations only: libFuzzer defines LLVMFuzzerRunDriver when built with -sanitize=fuzzer.
#include "CLibFuzzer.h"
