#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have a main of their own (Swift executables do): it parses libFuzzer's
// flags from argv and runs the fuzzing loop with `callback` as the target.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
