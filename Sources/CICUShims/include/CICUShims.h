#pragma once
// The only bridge to ICU. Plain C types only, so that Swift never sees ICU's versioned
// names (uscript_getScript_72) nor its types, which clash with Foundation's own ICU.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's version, e.g. "72.1".
const char *cicu_version(void);
/// The name of an ICU status code, e.g. "U_BUFFER_OVERFLOW_ERROR".
const char *cicu_error_name(int32_t status);

/// The Script property (UScriptCode value) of `cp`; -1 with *status set on error.
int32_t cicu_script(uint32_t cp, int32_t *status);
/// Writes the Script_Extensions of `cp` (UScriptCode values) into `out`.
/// Returns the count; if `capacity` is too small, returns the needed count and sets *status.
int32_t cicu_script_extensions(uint32_t cp, int32_t *out, int32_t capacity, int32_t *status);
/// Whether `script` is among the Script_Extensions of `cp` (1) or not (0).
int32_t cicu_has_script(uint32_t cp, int32_t script);
/// The short (ISO 15924) name of a script code, e.g. "Beng"; "Zzzz" when unknown.
const char *cicu_script_short_name(int32_t script);
/// The General_Category (UCharCategory value) of `cp`.
int32_t cicu_char_type(uint32_t cp);
/// Whether `cp` has the Alphabetic property.
int32_t cicu_is_alphabetic(uint32_t cp);
/// Whether `cp` has the White_Space property.
int32_t cicu_is_whitespace(uint32_t cp);
/// Whether `cp` has the Extended_Pictographic property (emoji and friends).
int32_t cicu_is_pictographic(uint32_t cp);
/// The Word_Break property value of `cp` (ICU's UWordBreakValues).
int32_t cicu_word_break(uint32_t cp);
/// The Grapheme_Cluster_Break property value of `cp` (ICU's UGraphemeClusterBreak).
int32_t cicu_grapheme_break(uint32_t cp);
/// The Sentence_Break property value of `cp` (ICU's USentenceBreak).
int32_t cicu_sentence_break(uint32_t cp);
/// The Canonical_Combining_Class of `cp`.
int32_t cicu_combining_class(uint32_t cp);
/// The strings after which ICU's filtered sentence iterator for `locale` (`en` for
/// `en@ss=standard`) suppresses a break: `exceptions/SentenceBreak` of ICU's break-iterator
/// data, in UTF-8, each followed by a NUL byte, written into `out` as far as `capacity`
/// allows. Returns the bytes all of them take, or -1 if ICU has no such list.
int32_t cicu_sentence_exceptions(const char *locale, char *out, int32_t capacity);

/// Kinds of text boundaries, as ICU's UBreakIteratorType.
enum {
  CICU_BREAK_CHARACTER = 0,
  CICU_BREAK_WORD = 1,
  CICU_BREAK_LINE = 2,
  CICU_BREAK_SENTENCE = 3
};

/// A reusable ICU break iterator over UTF-8 text. Not thread-safe: one per thread.
typedef struct cicu_breaker cicu_breaker;

/// Opens a break iterator of `kind` for `locale` ("" for root). NULL with *status on error.
cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *status);
void cicu_breaker_close(cicu_breaker *breaker);
/// Counts segments of `utf8`. For word breakers only word-like segments count
/// (rule status at or above UBRK_WORD_NONE_LIMIT: numbers, letters, kana, ideographs).
int32_t cicu_breaker_count(cicu_breaker *breaker, const uint8_t *utf8, int32_t length,
                           int32_t *status);
/// Writes the boundaries of `utf8` (UTF-8 byte offsets, 0 and `length` included) into `out`.
/// Returns the count; if `capacity` is too small, returns the needed count and sets *status.
int32_t cicu_breaker_boundaries(cicu_breaker *breaker, const uint8_t *utf8, int32_t length,
                                int32_t *out, int32_t capacity, int32_t *status);

/// Writes the start offsets (UTF-8 bytes) of the word-like segments of `utf8` (word breakers
/// only: letters, numbers, kana, ideographs) into `out`. Returns the count; if `capacity` is too
/// small, returns the needed count and sets *status.
int32_t cicu_breaker_word_starts(cicu_breaker *breaker, const uint8_t *utf8, int32_t length,
                                 int32_t *out, int32_t capacity, int32_t *status);

/// A compiled ICU transliterator, e.g. "Bengali-Latin; Latin-ASCII". Not thread-safe.
typedef struct cicu_translit cicu_translit;
cicu_translit *cicu_translit_open(const char *id, int32_t *status);
void cicu_translit_close(cicu_translit *translit);
/// Transliterates UTF-8 `input` into `out` (UTF-8). Returns the needed length in bytes;
/// if `capacity` is too small, sets *status to U_BUFFER_OVERFLOW_ERROR.
int32_t cicu_translit_utf8(cicu_translit *translit, const uint8_t *input, int32_t length,
                           uint8_t *out, int32_t capacity, int32_t *status);

/// Normalizes UTF-8 `input` to NFC (form 0) or NFD (form 1) into `out` (UTF-8).
/// Returns the needed length in bytes; sets U_BUFFER_OVERFLOW_ERROR if `capacity` is too small.
int32_t cicu_normalize_utf8(int32_t form, const uint8_t *input, int32_t length, uint8_t *out,
                            int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif
