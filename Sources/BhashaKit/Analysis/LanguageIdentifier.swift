import Foundation

/// Decides the language of letters and spans: the one place where script becomes language.
///
/// - Script level (``language(of:)``): Latin letters are provisionally English, Bengali-script
///   letters Bengali, letters of any other script `other`. The segmenter cuts runs on this.
/// - Span level (``refine(_:profile:content:cache:)``), with the bundled ``LanguageModel``
///   (in a line with Bengali-script letters, Latin spans of up to three words stay `en`: names,
///   brands and terms):
///   - a Latin-script span is scored in English, romanized Bengali, romanized Hindi and 26
///     other Latin-script languages (character 1–4-grams plus word lists, with priors that
///     favour English, then romanized Bengali, then romanized Hindi, as our users' text does).
///     If another language wins, the span is `other` with that language's code. Otherwise each
///     sentence is romanized Bengali or (with a word of Hindi's own) romanized Hindi as a whole
///     (``sentenceLanguages``), each word is labelled `en` or that language by a Viterbi pass
///     with a switch penalty, and the span is cut where the label changes;
///   - a Bengali-script span is Assamese when its Assamese evidence (ৰ U+09F0, ৱ U+09F1,
///     Assamese words) outweighs its Bengali evidence (র U+09B0, Bengali-only words); a span
///     with no evidence stays `bn`, unreliable if short. Words without র, ৰ or ৱ count through
///     the model's Assamese-only and Bengali-only word sets (from Tesseract's Assamese list and
///     wordfreq's Bengali list).
///   - Every span gets a confidence and `reliable` (false for one or two letters or a close
///     call).
///
/// The Latin stages are in `LanguageIdentifier+Latin.swift`, the Bengali-script decision in
/// `LanguageIdentifier+Bengali.swift`, and the word scores they share in `ScoreCache.swift`.
@_spi(Stages) public struct LanguageIdentifier: Sendable {
  /// The within-script model; nil means the script-only rule.
  public let model: LanguageModel?

  /// Log10 prior of a span in a model language outside the table (English is the default for
  /// Latin text; the table's languages have their own, ``LanguageInfo/prior``).
  static let otherPrior: Float = -6
  /// Log10 cost of switching between English and romanized Bengali from one word to the next.
  static let switchPenalty: Float = 3
  /// In a line that also has Bengali-script letters, Latin spans of up to this many words are
  /// names, brands and terms (`en`, as written), not romanized Bengali or another language.
  static let embeddedTermWords = 3

  /// The language codes answers are restricted to (`--languages`), or nil for all. Latin
  /// text goes to the best allowed Latin-script language (`en`, `bn-Latn`, `fr`…), or to
  /// `other` without a code when none is allowed; Bengali-script text is `as` only if `as` is
  /// allowed and `bn` only if `bn` is (else the other of the two, else `other`). Letters of
  /// other scripts are `other` as always.
  public let allowed: Set<String>?

  /// The table's Latin-script languages that the model has, as states of the word-by-word
  /// pass: English first, then the romanized ones (``LanguageInfo/romanized``). Empty if the
  /// model lacks English.
  let states: [LatinState]
  /// Per model slot: the log10 prior of a span in that language (the table's
  /// ``LanguageInfo/prior`` for its languages, ``otherPrior`` for the rest).
  let priors: [Float]
  /// Per model slot: whether it is one of ``states``.
  let isState: [Bool]
  /// ``states``' model slots, in order.
  let stateSlots: [Int]
  /// Per Bengali-script word key hash (``LanguageModel/hash(key:)``): ``assameseWordFlag`` for
  /// the model's Assamese words, ``bengaliOnlyWordFlag`` for ``bengaliOnlyWords``.
  let bengaliScriptWords: HashFlags
  static let assameseWordFlag: UInt8 = 1
  static let bengaliOnlyWordFlag: UInt8 = 2

  /// A language of the word-by-word pass and its model slot.
  struct LatinState {
    var language: Language
    var slot: Int
    var prior: Float
    /// Its index in `Language.romanized` (its bit in ``ScoreCache/ownLanguages(_:)``, its byte
    /// of ``ScoreCache/hostWeights(_:)``); -1 for English.
    var romanizedIndex = -1
    /// Its bit in ``ScoreCache/ownLanguages(_:)`` (0 for English).
    var ownBit: UInt8 { romanizedIndex >= 0 ? 1 << UInt8(romanizedIndex) : 0 }
    /// ``LanguageInfo/fitFloors``.
    var fitFloors: (all: Float, long: Float)? = nil
  }

  /// How many next most likely languages each span lists (``LanguageSpan/alternatives``;
  /// `classify --alternatives N`); 0 for none.
  public let alternatives: Int

  public init(
    model: LanguageModel? = LanguageModel.bundled, allowed: Set<String>? = nil,
    alternatives: Int = 0
  ) {
    self.model = model
    self.allowed = allowed
    self.alternatives = max(0, alternatives)
    var states: [LatinState] = []
    if let model, model.slot(Language.en.rawValue) != nil {
      for language in [Language.en] + Language.romanized {
        guard let slot = model.slot(language.rawValue) else { continue }
        states.append(
          LatinState(
            language: language, slot: slot, prior: language.info.prior,
            romanizedIndex: Language.romanized.firstIndex(of: language) ?? -1,
            fitFloors: language.info.fitFloors))
      }
    }
    self.states = states
    stateSlots = states.map(\.slot)
    var priors = [Float](repeating: Self.otherPrior, count: model?.codes.count ?? 0)
    var isState = [Bool](repeating: false, count: priors.count)
    for state in states {
      priors[state.slot] = state.prior
      isState[state.slot] = true
    }
    self.priors = priors
    self.isState = isState
    bengaliScriptWords = HashFlags(
      (model?.assameseKeyHashes ?? []).map { ($0, Self.assameseWordFlag) }
        + Self.bengaliOnlyKeyHashes.map { ($0, Self.bengaliOnlyWordFlag) })
  }

  /// Whether answers may be `code`.
  @inline(__always)
  func allows(_ code: String) -> Bool { allowed?.contains(code) ?? true }

  /// Codes that `--languages` accepts with `model`: the table's languages with a script (en,
  /// bn, bn-Latn, hi-Latn, as) and the model's other Latin-script languages.
  public static func knownCodes(model: LanguageModel?) -> [String] {
    var codes = Language.allCases.filter { $0.info.script != nil }.map(\.rawValue)
    for code in model?.codes ?? [] where !codes.contains(code) { codes.append(code) }
    return codes
  }

  /// The language that letters of `script` count towards before span-level refinement.
  ///
  ///     LanguageIdentifier().language(of: .bengali)   // .bn
  public func language(of script: Script) -> Language {
    switch script {
    case .latin: return .en
    case .bengali: return .bn
    case .common, .inherited, .unknown: return .neutral
    default: return .other
    }
  }

  // MARK: - Spans

  /// Refines script-level spans into languages (see the type's documentation).
  public func refine(
    _ spans: [LanguageSpan], profile: ScriptProfile, content: [UInt8], cache: ScoreCache? = nil
  ) -> [LanguageSpan] {
    var out: [LanguageSpan] = []
    out.reserveCapacity(spans.count + 4)  // Latin spans may be cut in pieces
    let firstBengali = spans.firstIndex { $0.language == .bn }
    let bengaliContext = firstBengali != nil
    // Bengali or Assamese is decided once for the line's Bengali-script text (a line does not
    // switch between the two), and applied to each of its spans.
    var decided: LanguageSpan? = nil
    if let firstBengali {
      var whole = spans[firstBengali]
      whole.letters = 0
      for span in spans[firstBengali...] where span.language == .bn {
        whole.letters += span.letters
      }
      decided = refineBengali(whole, profile, content, spans: spans[firstBengali...])
    }
    for span in spans {
      switch span.language {
      case .en where model != nil:
        if bengaliContext && span.words <= Self.embeddedTermWords && allows("en") {
          // People who write Bengali in Bengali script do not type Bengali words in Latin
          // letters: a short Latin piece here is a name, a brand or an English term.
          let first = out.count
          refineLatin(span, profile, content, cache, into: &out)
          let english = out.count == first + 1 && out[first].language == .en
          out.removeSubrange(first...)
          var s = span
          s.reliable = english && span.letters >= 3
          out.append(s)
        } else {
          refineLatin(span, profile, content, cache, into: &out)
        }
      case .bn:
        var s = span
        if let decided {
          s.language = decided.language
          s.confidence = decided.confidence
          s.reliable = decided.reliable
        }
        if allowed != nil && !allows(s.language.rawValue) {
          // The other of Bengali and Assamese if allowed, else another language.
          let alternative: Language = s.language == .as ? .bn : .as
          s.language = allows(alternative.rawValue) ? alternative : .other
          s.reliable = false
        }
        if alternatives > 0, s.language == .bn || s.language == .as {
          let other: Language = s.language == .bn ? .as : .bn
          if allows(other.rawValue) {
            let c = min(max(s.confidence, 1e-9), 1 - 1e-9)
            s.alternatives = [SpanAlternative(code: other.rawValue, behind: log10(c / (1 - c)))]
          }
        }
        out.append(s)
      default:
        var s = span
        s.reliable = span.language == .neutral || span.letters >= 3
        out.append(s)
      }
    }
    return out
  }
}
