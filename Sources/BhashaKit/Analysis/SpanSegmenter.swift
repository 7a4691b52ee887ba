/// Cuts a line into language spans that tile it exactly, in the spirit of Unicode TR24 script
/// runs (and CLD3's script spans), with Common characters attached by rule.
///
/// Rules, in order:
/// 1. Letters form runs by language (``LanguageIdentifier``); Inherited characters (vowel signs
///    are letters already; virama, nukta, ZWJ U+200D, ZWNJ U+200C, variation selectors) stay with
///    the run before them.
/// 2. Inside a word, Common characters belong to the word: punctuation or digits with letters of
///    one language directly on both sides (`don't`, `Pantsir-S1`, `ভারত-বাংলাদেশ`), and digits
///    directly after letters (`S400`, `এনএস১`).
/// 3. Neutral units (``NeutralUnits``: URLs, e-mail addresses, @mentions, #hashtags, numbers
///    with units or currency) are never cut.
/// 4. Everything between two runs of the same language (spaces, punctuation, numbers, neutral
///    units) joins that run.
/// 5. Between runs of different languages without a neutral unit, opening brackets and quotes
///    at the end of the gap go to the run after; a danda goes to the Bengali side; everything
///    else (spaces, trailing punctuation, closing brackets, emoji) goes to the run before.
/// 6. With neutral units between runs of different languages or at a line edge, the units and
///    what lies between them form a `neutral` span; before the first unit the run before takes
///    the gap (openers go with the unit); after the last unit the neutral span takes the gap
///    except opening brackets before the next run. But a unit that ends a sentence (a sentence
///    end after it, none before: "went up by 20%. সাধারণ") goes with the run before.
/// 7. At the start of a line, a gap without neutral units goes to the first run; at the end, to
///    the last run. A line without letters is one `neutral` span (none if it is empty).
///
/// Embedded spans and the matrix language are decided on top of these spans by
/// ``LineClassifier``.
@_spi(Stages) public struct SpanSegmenter: Sendable {
  public let identifier: LanguageIdentifier

  public init(identifier: LanguageIdentifier = LanguageIdentifier()) {
    self.identifier = identifier
  }

  /// An atom: a word run, a neutral unit, or one filler code point.
  struct Atom {
    enum Kind: Equatable {
      case run(Language, Script)
      case unit
      case filler(ScalarKind)
    }
    var kind: Kind
    /// Scalar index range.
    var scalars: Range<Int>
    var letters: Int = 0
  }

  /// The spans of a line's content.
  ///
  /// - Parameters:
  ///   - profile: the decoded content.
  ///   - units: neutral units, as ``NeutralUnits/find(in:bytes:)`` returns them.
  ///   - byteCount: the content's length in bytes.
  /// - Complexity: O(n) in the number of code points.
  public func spans(
    in profile: ScriptProfile, units: [Range<Int>], byteCount: Int
  ) -> [LanguageSpan] {
    if let single = singleLanguageSpan(profile, units: units, byteCount: byteCount) {
      return [single]
    }
    var atoms = self.atoms(profile, units)
    guard !atoms.isEmpty else { return [] }
    Self.absorbLookAlikes(&atoms)
    // Assign each atom a language.
    var labels = [Language](filledWith: .neutral, count: atoms.count)
    let runIndices = atoms.indices.filter {
      if case .run = atoms[$0].kind { return true } else { return false }
    }
    func language(_ i: Int) -> Language {
      if case .run(let l, _) = atoms[i].kind { return l }
      return .neutral
    }
    if runIndices.isEmpty {
      // No letters: one neutral span.
      return [
        LanguageSpan(
          start: 0, end: byteCount, language: .neutral, script: .common, letters: 0, words: 0)
      ]
    }
    for i in runIndices { labels[i] = language(i) }
    // Gaps: before the first run, between runs, after the last run.
    var previous: Int? = nil
    for r in runIndices + [atoms.count] {
      let gap = (previous.map { $0 + 1 } ?? 0)..<r
      let left = previous.map(language)
      let right = r < atoms.count ? language(r) : nil
      resolve(gap: gap, left: left, right: right, atoms: atoms, profile: profile, into: &labels)
      previous = r
    }
    // Merge atoms with the same label into spans.
    var spans: [LanguageSpan] = []
    spans.reserveCapacity(atoms.count)  // at most one per atom, at once
    for (i, atom) in atoms.enumerated() {
      let start = profile.scalars[atom.scalars.lowerBound].start
      let end = profile.scalars[atom.scalars.upperBound - 1].range.upperBound
      let label = labels[i]
      var script = Script.common
      var words = 0
      if case .run(_, let s) = atom.kind {
        script = s
        words = 1
      }
      // (The last span's language read in place: `spans.last` would copy the span.) Runs of
      // two scripts stay apart even with one label: Latin `other` and Cyrillic `other` are
      // different languages, and the Latin one is refined alone.
      let last = spans.count - 1
      if last >= 0, spans[last].language == label,
        script == .common || spans[last].script == .common || spans[last].script == script
      {
        spans[spans.count - 1].end = end
        spans[spans.count - 1].letters += atom.letters
        spans[spans.count - 1].words += words
        if spans[spans.count - 1].script == .common { spans[spans.count - 1].script = script }
      } else {
        spans.append(
          LanguageSpan(
            start: start, end: end, language: label, script: label == .neutral ? .common : script,
            letters: atom.letters, words: words))
      }
    }
    return spans
  }

  /// The most letters a run inside a word of another script may have and still be a look-alike
  /// of that script's letters (Latin `i` for Ukrainian `і` in "повiрить").
  static let lookAlikeLetters = 2

  /// The scripts whose letters Latin ones look like (`a е і о р с х у`, `ο ν`).
  static let lookAlikeScripts: Set<Script> = [.cyrillic, .greek]

  /// Gives a short Latin run wedged between two runs of Cyrillic or Greek, with nothing between
  /// them (one word: "пов" + "i" + "рить"), that script and its language: a look-alike letter
  /// typed from the wrong keyboard, not a word of another language.
  static func absorbLookAlikes(_ atoms: inout [Atom]) {
    guard atoms.count >= 3 else { return }
    for i in 1..<(atoms.count - 1) {
      guard case .run(_, let script) = atoms[i].kind,
        case .run(let language, let around) = atoms[i - 1].kind,
        case .run(let after, let aroundAfter) = atoms[i + 1].kind,
        script == .latin, lookAlikeScripts.contains(around), around == aroundAfter,
        after == language,
        atoms[i].letters <= lookAlikeLetters,
        atoms[i - 1].scalars.upperBound == atoms[i].scalars.lowerBound,
        atoms[i].scalars.upperBound == atoms[i + 1].scalars.lowerBound
      else { continue }
      atoms[i].kind = .run(language, around)
    }
  }

  /// The one span of a line whose letters are all in one language and that has no neutral
  /// units (most lines): by rules 4 and 7 everything joins that language. Nil otherwise.
  func singleLanguageSpan(
    _ profile: ScriptProfile, units: [Range<Int>], byteCount: Int
  ) -> LanguageSpan? {
    guard units.isEmpty, byteCount > 0 else { return nil }
    var language: Language? = nil
    var script = Script.common
    var letters = 0
    var words = 0
    var inWord = false
    for s in profile.scalars {
      if s.kind == .letter {
        let l = identifier.language(of: s.script)
        if language == nil {
          language = l
          script = s.script
        } else if language != l {
          return nil
        }
        letters += s.letterWeight
        if !inWord { words += 1 }
        inWord = true
      } else if s.kind != .mark && s.kind != .digit && s.kind != .quote && s.kind != .punctuation {
        inWord = false
      } else if s.kind == .punctuation || s.kind == .quote {
        // A joiner keeps the word going only if a letter follows; the next letter decides.
        inWord = inWord && s.value != 0x2C
      }
    }
    guard let language else { return nil }
    return LanguageSpan(
      start: 0, end: byteCount, language: language, script: script, letters: letters,
      words: words)
  }

  // MARK: - Atoms

  func atoms(_ profile: ScriptProfile, _ units: [Range<Int>]) -> [Atom] {
    let scalars = profile.scalars
    var atoms: [Atom] = []
    atoms.reserveCapacity(scalars.count / 3 + 1)
    var i = 0
    var unitIndex = 0
    let n = scalars.count
    while i < n {
      if unitIndex < units.count, units[unitIndex].lowerBound == i {
        atoms.append(Atom(kind: .unit, scalars: units[unitIndex]))
        i = units[unitIndex].upperBound
        unitIndex += 1
        continue
      }
      let nextUnit = unitIndex < units.count ? units[unitIndex].lowerBound : n
      let s = scalars[i]
      guard s.kind == .letter else {
        atoms.append(Atom(kind: .filler(s.kind), scalars: i..<(i + 1)))
        i += 1
        continue
      }
      // A word run of one language.
      let language = identifier.language(of: s.script)
      let script = s.script
      var j = i
      var letters = 0
      while j < nextUnit {
        let c = scalars[j]
        if c.kind == .letter && identifier.language(of: c.script) == language {
          letters += c.letterWeight
          j += 1
        } else if c.kind == .mark {
          j += 1  // Inherited: stays with the run before.
        } else if c.kind == .digit {
          j += 1  // Digits directly after letters belong to the word ("S400", "এনএস১").
        } else if (c.kind == .punctuation && c.value != 0x2C) || c.kind == .quote {
          // Inside a word: a run of joiners with a letter of this language right after.
          var k = j
          while k < nextUnit, scalars[k].kind == .punctuation || scalars[k].kind == .quote {
            k += 1
          }
          if k > j, k < nextUnit, k - j <= 2, scalars[k].kind == .letter,
            identifier.language(of: scalars[k].script) == language
          {
            j = k
          } else {
            break
          }
        } else {
          break
        }
      }
      atoms.append(Atom(kind: .run(language, script), scalars: i..<j, letters: letters))
      i = j
    }
    return atoms
  }

  // MARK: - Gaps

  /// Labels the atoms in `gap`, between runs of `left` and `right` (nil at a line edge).
  func resolve(
    gap: Range<Int>, left: Language?, right: Language?, atoms: [Atom], profile: ScriptProfile,
    into labels: inout [Language]
  ) {
    guard !gap.isEmpty else { return }
    let unitPositions = gap.filter { atoms[$0].kind == .unit }
    if let left, let right, left == right {
      for i in gap { labels[i] = left }  // Rule 4.
      return
    }
    // Opening brackets/quotes right before the next run (or unit) go with it.
    func openerStart(_ range: Range<Int>) -> Int {
      var k = range.upperBound
      while k > range.lowerBound, isOpener(atoms[k - 1], profile) { k -= 1 }
      return k
    }
    if unitPositions.isEmpty {
      guard let left else {
        for i in gap { labels[i] = right ?? .neutral }  // Rule 7: line start.
        return
      }
      guard let right else {
        for i in gap { labels[i] = left }  // Rule 7: line end.
        return
      }
      // Rule 5.
      let split = openerStart(gap)
      for i in gap { labels[i] = i < split ? left : right }
      // The danda goes to the Bengali run: with Bengali on the right only, it and what follows.
      if right == .bn, left != .bn, let d = gap.first(where: { isDanda(atoms[$0], profile) }) {
        for i in d..<gap.upperBound { labels[i] = .bn }
      }
      return
    }
    // Rule 6.
    let firstUnit = unitPositions[0]
    let lastUnit = unitPositions[unitPositions.count - 1]
    let before = gap.lowerBound..<firstUnit
    let after = (lastUnit + 1)..<gap.upperBound
    if let left, let right {
      // A unit that ends a sentence ("went up by 20%. সাধারণ") belongs to it.
      let endAfter = after.contains { isSentenceEnd($0, atoms, profile, gap) }
      let endBefore = before.contains { isSentenceEnd($0, atoms, profile, gap) }
      if endAfter && !endBefore {
        let split = openerStart(gap)
        for i in gap { labels[i] = i < split ? left : right }
        return
      }
    }
    let neutralStart = left == nil ? gap.lowerBound : openerStart(before)
    for i in before { labels[i] = i < neutralStart ? (left ?? .neutral) : .neutral }
    let neutralEnd = right == nil ? gap.upperBound : openerStart(after)
    for i in firstUnit..<gap.upperBound {
      labels[i] = i < neutralEnd ? .neutral : (right ?? .neutral)
    }
  }

  func isOpener(_ atom: Atom, _ profile: ScriptProfile) -> Bool {
    guard case .filler(let kind) = atom.kind else { return false }
    return kind == .open || kind == .quote
  }

  /// A danda, or `. ! ? …` followed by a space or the end of the gap.
  func isSentenceEnd(_ i: Int, _ atoms: [Atom], _ profile: ScriptProfile, _ gap: Range<Int>) -> Bool
  {
    guard case .filler(let kind) = atoms[i].kind else { return false }
    if kind == .danda { return true }
    guard kind == .punctuation else { return false }
    let value = profile.scalars[atoms[i].scalars.lowerBound].value
    guard value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026 else { return false }
    if i + 1 >= gap.upperBound { return true }
    if case .filler(.space) = atoms[i + 1].kind { return true }
    return false
  }

  func isDanda(_ atom: Atom, _ profile: ScriptProfile) -> Bool {
    guard case .filler(let kind) = atom.kind else { return false }
    return kind == .danda
  }
}
