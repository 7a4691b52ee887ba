#include "CICUShims.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/unorm2.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *cicu_version(void) {
  static char text[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, text);
  return text;
}

const char *cicu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

int32_t cicu_script(uint32_t cp, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript((UChar32)cp, &err);
  *status = err;
  return U_FAILURE(err) ? -1 : (int32_t)code;
}

int32_t cicu_script_extensions(uint32_t cp, int32_t *out, int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = uscript_getScriptExtensions((UChar32)cp, (UScriptCode *)out, capacity, &err);
  *status = err;
  return n;
}

int32_t cicu_has_script(uint32_t cp, int32_t script) {
  return uscript_hasScript((UChar32)cp, (UScriptCode)script) ? 1 : 0;
}

const char *cicu_script_short_name(int32_t script) {
  const char *name = uscript_getShortName((UScriptCode)script);
  return name ? name : "Zzzz";
}

int32_t cicu_char_type(uint32_t cp) { return (int32_t)u_charType((UChar32)cp); }
int32_t cicu_is_alphabetic(uint32_t cp) { return u_hasBinaryProperty((UChar32)cp, UCHAR_ALPHABETIC); }
int32_t cicu_is_whitespace(uint32_t cp) { return u_hasBinaryProperty((UChar32)cp, UCHAR_WHITE_SPACE); }
int32_t cicu_is_pictographic(uint32_t cp) {
  return u_hasBinaryProperty((UChar32)cp, UCHAR_EXTENDED_PICTOGRAPHIC);
}

int32_t cicu_word_break(uint32_t cp) {
  return u_getIntPropertyValue((UChar32)cp, UCHAR_WORD_BREAK);
}

int32_t cicu_grapheme_break(uint32_t cp) {
  return u_getIntPropertyValue((UChar32)cp, UCHAR_GRAPHEME_CLUSTER_BREAK);
}

int32_t cicu_sentence_break(uint32_t cp) {
  return u_getIntPropertyValue((UChar32)cp, UCHAR_SENTENCE_BREAK);
}

int32_t cicu_combining_class(uint32_t cp) { return u_getCombiningClass((UChar32)cp); }

int32_t cicu_sentence_exceptions(const char *locale, char *out, int32_t capacity) {
  UErrorCode err = U_ZERO_ERROR;
  // The bundle ICU's filtered break iterator builder reads (U_ICUDATA_BRKITR).
  UResourceBundle *bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", locale, &err);
  UResourceBundle *exceptions = ures_getByKey(bundle, "exceptions", NULL, &err);
  UResourceBundle *list = ures_getByKey(exceptions, "SentenceBreak", NULL, &err);
  int32_t used = U_FAILURE(err) ? -1 : 0;
  int32_t n = U_FAILURE(err) ? 0 : ures_getSize(list);
  for (int32_t i = 0; i < n && used >= 0; i++) {
    char buffer[256];
    int32_t length = (int32_t)sizeof(buffer);
    UErrorCode one = U_ZERO_ERROR;
    const char *text = ures_getUTF8StringByIndex(list, i, buffer, &length, 1, &one);
    if (U_FAILURE(one)) {
      used = -1;
      break;
    }
    if (used + length + 1 <= capacity) {
      memcpy(out + used, text, (size_t)length);
      out[used + length] = 0;
    }
    used += length + 1;
  }
  ures_close(list);
  ures_close(exceptions);
  ures_close(bundle);
  return used;
}

// MARK: - Break iterators

struct cicu_breaker {
  UBreakIterator *iter;
  UText *text;
  int32_t kind;
};

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *iter = ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, &err);
  if (U_FAILURE(err)) {
    *status = err;
    return NULL;
  }
  cicu_breaker *b = calloc(1, sizeof(cicu_breaker));
  if (!b) {
    ubrk_close(iter);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  b->iter = iter;
  b->kind = kind;
  *status = U_ZERO_ERROR;
  return b;
}

void cicu_breaker_close(cicu_breaker *b) {
  if (!b) return;
  ubrk_close(b->iter);
  if (b->text) utext_close(b->text);
  free(b);
}

static int cicu_breaker_set(cicu_breaker *b, const uint8_t *utf8, int32_t length, UErrorCode *err) {
  // Reuses the UText: utext_openUTF8 re-initialises an existing one without allocating.
  static const char empty[1] = {0};
  b->text = utext_openUTF8(b->text, length > 0 ? (const char *)utf8 : empty, length, err);
  if (U_FAILURE(*err)) return 0;
  ubrk_setUText(b->iter, b->text, err);
  return U_SUCCESS(*err);
}

int32_t cicu_breaker_count(cicu_breaker *b, const uint8_t *utf8, int32_t length, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  if (!cicu_breaker_set(b, utf8, length, &err)) {
    *status = err;
    return 0;
  }
  int32_t count = 0;
  int32_t prev = ubrk_first(b->iter);
  for (int32_t p = ubrk_next(b->iter); p != UBRK_DONE; p = ubrk_next(b->iter)) {
    if (b->kind == CICU_BREAK_WORD) {
      if (ubrk_getRuleStatus(b->iter) >= UBRK_WORD_NONE_LIMIT) count++;
    } else {
      count++;
    }
    prev = p;
  }
  (void)prev;
  *status = U_ZERO_ERROR;
  return count;
}

int32_t cicu_breaker_boundaries(cicu_breaker *b, const uint8_t *utf8, int32_t length,
                                int32_t *out, int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  if (!cicu_breaker_set(b, utf8, length, &err)) {
    *status = err;
    return 0;
  }
  int32_t n = 0;
  for (int32_t p = ubrk_first(b->iter); p != UBRK_DONE; p = ubrk_next(b->iter)) {
    if (n < capacity) out[n] = p;
    n++;
  }
  *status = n > capacity ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
  return n;
}

int32_t cicu_breaker_word_starts(cicu_breaker *b, const uint8_t *utf8, int32_t length,
                                 int32_t *out, int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  if (!cicu_breaker_set(b, utf8, length, &err)) {
    *status = err;
    return 0;
  }
  int32_t n = 0;
  int32_t prev = ubrk_first(b->iter);
  for (int32_t p = ubrk_next(b->iter); p != UBRK_DONE; p = ubrk_next(b->iter)) {
    if (ubrk_getRuleStatus(b->iter) >= UBRK_WORD_NONE_LIMIT) {
      if (n < capacity) out[n] = prev;
      n++;
    }
    prev = p;
  }
  *status = n > capacity ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
  return n;
}

// MARK: - UTF-8 <-> UTF-16 helpers

static UChar *cicu_to_utf16(const uint8_t *input, int32_t length, int32_t *outLength,
                            int32_t extra, UErrorCode *err) {
  int32_t needed = 0;
  UErrorCode pre = U_ZERO_ERROR;
  u_strFromUTF8WithSub(NULL, 0, &needed, (const char *)input, length, 0xFFFD, NULL, &pre);
  if (pre != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(pre)) {
    *err = pre;
    return NULL;
  }
  int32_t capacity = needed * extra + 16;
  UChar *buf = malloc(sizeof(UChar) * (size_t)capacity);
  if (!buf) {
    *err = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  u_strFromUTF8WithSub(buf, capacity, outLength, (const char *)input, length, 0xFFFD, NULL, err);
  if (U_FAILURE(*err)) {
    free(buf);
    return NULL;
  }
  return buf;
}

static int32_t cicu_from_utf16(const UChar *text, int32_t length, uint8_t *out, int32_t capacity,
                               int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strToUTF8WithSub((char *)out, capacity, &needed, text, length, 0xFFFD, NULL, &err);
  if (err == U_STRING_NOT_TERMINATED_WARNING) err = U_ZERO_ERROR;
  *status = err;
  return needed;
}

// MARK: - Transliteration

struct cicu_translit {
  UTransliterator *trans;
};

cicu_translit *cicu_translit_open(const char *id, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UChar uid[256];
  int32_t idLength = 0;
  u_strFromUTF8(uid, 256, &idLength, id, -1, &err);
  if (U_FAILURE(err)) {
    *status = err;
    return NULL;
  }
  UTransliterator *trans = utrans_openU(uid, idLength, UTRANS_FORWARD, NULL, 0, NULL, &err);
  if (U_FAILURE(err)) {
    *status = err;
    return NULL;
  }
  cicu_translit *t = calloc(1, sizeof(cicu_translit));
  if (!t) {
    utrans_close(trans);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  t->trans = trans;
  *status = U_ZERO_ERROR;
  return t;
}

void cicu_translit_close(cicu_translit *t) {
  if (!t) return;
  utrans_close(t->trans);
  free(t);
}

int32_t cicu_translit_utf8(cicu_translit *t, const uint8_t *input, int32_t length, uint8_t *out,
                           int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t textLength = 0;
  // Transliteration can grow text (one Bengali letter becomes several Latin ones).
  UChar *buf = cicu_to_utf16(input, length, &textLength, 8, &err);
  if (!buf) {
    *status = err;
    return 0;
  }
  int32_t capacity16 = textLength * 8 + 16;
  int32_t limit = textLength;
  utrans_transUChars(t->trans, buf, &textLength, capacity16, 0, &limit, &err);
  if (U_FAILURE(err)) {
    free(buf);
    *status = err;
    return 0;
  }
  int32_t n = cicu_from_utf16(buf, textLength, out, capacity, status);
  free(buf);
  return n;
}

// MARK: - Normalization

int32_t cicu_normalize_utf8(int32_t form, const uint8_t *input, int32_t length, uint8_t *out,
                            int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *norm = form == 0 ? unorm2_getNFCInstance(&err) : unorm2_getNFDInstance(&err);
  if (U_FAILURE(err)) {
    *status = err;
    return 0;
  }
  int32_t textLength = 0;
  UChar *src = cicu_to_utf16(input, length, &textLength, 1, &err);
  if (!src) {
    *status = err;
    return 0;
  }
  int32_t cap = textLength * 4 + 16;
  UChar *dst = malloc(sizeof(UChar) * (size_t)cap);
  if (!dst) {
    free(src);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return 0;
  }
  int32_t n16 = unorm2_normalize(norm, src, textLength, dst, cap, &err);
  free(src);
  if (U_FAILURE(err)) {
    free(dst);
    *status = err;
    return 0;
  }
  int32_t n = cicu_from_utf16(dst, n16, out, capacity, status);
  free(dst);
  return n;
}
