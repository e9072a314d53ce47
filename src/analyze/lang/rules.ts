/**
 * The per-language patterns of the candidate stages that are not cue lists: how a country mention
 * is read (topic, place, border), how a clause is dated, which details a sentence adds. Each
 * language folder (`lang/vi`, `lang/en`) fills one; the stages never branch on the language.
 * Every pattern runs over lower-cased NFC text.
 */
export interface LangRules {
  /** at the end of the text before a country: what the sentence is about ("the war in", "xung đột ở") */
  topicBefore: RegExp;
  /** at the end of the text before a country: a place, a target or an audience, not a party ("near", "aimed at", "nhằm vào") */
  locationBefore: RegExp;
  /** at the end of the text before any mention, person too, with a few words between: a target or audience ("to deter", "nhằm vào") */
  targetBefore: RegExp;
  /** global: where a clause after the cue begins that speaks of something else ("as", "while", "trong khi") */
  clauseBreak: RegExp;
  /** right after a country: a line on the map ("Polish border", "waters") */
  /** a country that names a news outlet ("Chinese state media", "Đài Tiếng nói Trung Quốc", "kênh … của Lebanon"): a source, not a party */
  mediaAfter: RegExp;
  mediaBefore: RegExp;
  /** right after a demonym, what makes it a topic, not a party ("Syrian ceasefire", "Syrian rebels") */
  topicAfter: RegExp;
  borderAfter: RegExp;
  /** right before a country: a line on the map ("biên giới", "border with") */
  borderBefore: RegExp;
  /** before a conflict word: background, not a veto ("amid", "trong bối cảnh") */
  contextMark: RegExp;
  /** before a date: it ends an ongoing event ("until", "đến hết") */
  /** right before a date: the saying's, not the event's ("Theo thông cáo ngày 6/11", "in a statement on Monday") */
  sourceDateBefore: RegExp;
  untilBefore: RegExp;
  /** right before a future date: a deadline, not the event's date ("by", "đến năm") */
  deadlineBefore: RegExp;
  /** right before a cue: it says when something else happened ("during his visit", "trong chuyến thăm") */
  duringBeforeCue: RegExp;
  /** right before a country after a pledge or an arms cue: it receives ("for Ukraine", "cho Ukraine") */
  recipientBefore: RegExp;
  /** before a person, with a title between: the person frames the time, not the act ("under President …", "dưới thời …") */
  contextPersonBefore: RegExp;
  /** right before a visit or talks cue: a series ("các chuyến", "several") */
  /** a plural visit phrase a little before a visit cue ("các chuyến công du … tới Ukraine, Nga", "several trips to"): a series */
  seriesBefore: RegExp;
  pluralBefore: RegExp;
  /** right before a cue: another, earlier event ("after his visit", "sau chuyến thăm") */
  /** between a region a visit goes to and a country it stops in */
  regionStopBefore: RegExp;
  prepositionBeforeCue: RegExp;
  /** a comma clause that describes a noun: an appositive or a relative clause ("a city destroyed …", "which …", "nơi …") */
  appositiveClause: RegExp;
  /** a contract for arms in a clause ("hợp đồng mua sắm tiêm kích", "a contract for 12 F-16s") */
  armsContract: RegExp;
  /** right before "allows / cho phép": a law or a bill, so what it allows is approved ("luật", "a bill") */
  lawBefore: RegExp;
  /** right before the one country of a drill: it is the partner of the report's unnamed subject ("with the", "cùng với hải quân") */
  /** a talks cue that takes the one met as its object ("gặp", "met", "received"): the person or country right after is the partner */
  /** a talks cue's noun or verb that takes "with" ("cuộc gặp", "meeting"), at the end of what is tested */
  meetingNoun: RegExp;
  /** the opening of a clause that holds a meeting before the main clause: "After a private ", "Sau " */
  afterMeeting: RegExp;
  /** a cue's text ending with "with" ("meeting with", "cuộc gặp với") */
  /** a visit cue that is only a motion word before a place ("đến ", "tới "): someone must travel it, not a thing sent */
  bareMotionCue?: RegExp;
  /** between the traveller and a bare motion cue: a thing sent or an aim, not a journey ("gửi công hàm", "điều máy bay", "hướng") */
  notTravelBetween?: RegExp;
  /** right before a talks cue: talks to end a war ("peace talks"), not cooperation */
  warTalksBefore?: RegExp;
  /** right after a talks cue: the same ("đàm phán hòa bình", "hội đàm về lệnh ngừng bắn") */
  warTalksAfter?: RegExp;
  /** right after a talks cue: a meeting of one country's own institution ("cuộc họp Bộ Quốc phòng Peru", "a meeting of the Chilean cabinet") */
  domesticMeetingAfter?: RegExp;
  /** right before a talks cue: the same ("the NMSAR Board meeting", "a cabinet meeting") */
  domesticMeetingBefore?: RegExp;
  /** the opening of a clause told as background, "sau khi …", "after …", up to a cue in it */
  afterClauseOpener: RegExp;
  /** right before a city that names the cue after it ("the Geneva talks"): the city is the venue */
  venueBefore?: RegExp;
  /** right after a cue: it modifies a noun of what is proposed ("talks proposal", "talks offer") */
  cueModifierAfter?: RegExp;
  withAtEnd: RegExp;
  /** the text after a cue opening with "with" */
  withAtStart: RegExp;
  /** right after a talks or agreement cue: "between" the two who met ("cuộc họp … giữa Thủ tướng Campuchia và …"), whoever hosted it */
  betweenAfterCue: RegExp;
  /** after a drill cue: how the series began, up to "between" ("…, initiated in 1992 between", "khởi đầu năm 1992 giữa") */
  originBetweenAfterCue: RegExp;
  /** right after a talks cue: those named next sponsor or host talks of others ("talks … mediated by Qatar and Egypt") */
  sponsorsAfterCue: RegExp;
  /** ends with a word that makes the next name an object, not a subject ("talks with", "envoy for", "làm việc với") */
  objectBefore: RegExp;
  meetsObject: RegExp;
  /** right before a place a visit goes to ("bay đến", "tới", "arrived in") */
  motionBefore: RegExp;
  withBeforePartner: RegExp;
  /** a sentence that opens with an "after" clause ("Sau cuộc gặp …", "After meeting …") */
  afterOpener: RegExp;
  /** a minister of a civil portfolio (trade, finance, health …), whose meetings are not defense cooperation */
  civilOffice: RegExp;
  /** a sentence opening with a "while / when / if" clause closed by "thì" (Vietnamese only) */
  thenAfterOpener: RegExp | null;
  /** between a cue and a later date: the date is a subordinate clause's ("after", "sau khi") */
  subordinateInside: RegExp;
  /** an anniversary sentence ("marks the 30th anniversary", "kỷ niệm") */
  anniversaryMark: RegExp;
  /** the years counted back before the cue ("30 năm thiết lập", "30th anniversary of the") */
  yearsBeforeCue: RegExp;
  /** descriptors a sentence adds: [pattern, tag] (video, phone, naval, air, land, state) */
  detailWords: [RegExp, string][];
  /** a cue that is itself a past-tense verb ("met", "signed") — English only */
  pastVerbCue: RegExp | null;
  /** a named exercise or document right after its cue: the name in group 1 */
  nameAfterCue: RegExp;
  /** a named exercise or document right before its cue ("the Malabar exercise"): the name in group 1 */
  nameBeforeCue: RegExp | null;
  /**
   * What an agreement cue says was signed, in English ("the Reciprocal Access Agreement", "a
   * memorandum of understanding on defense cooperation"), from the sentence as written and the
   * cue's offset and length; null when the text does not say.
   */
  documentName(text: string, rel: number, len: number): string | null;
  /**
   * An agreement cue that names a document by its own year ("the 2014 Enhanced Defense
   * Cooperation Agreement", "Hiệp ước Hữu nghị và Hợp tác năm 1978"): the document exists, whatever
   * the sentence hopes, denies or condemns about it. On the lower-cased sentence, the cue's offset
   * and length.
   */
  documentYear(lower: string, rel: number, len: number): boolean;
  /** offices named without a person ("the defense ministers of Japan and Italy", "Bộ trưởng Quốc phòng Nhật Bản"): [pattern, gazetteer role] */
  offices: [RegExp, string][];
  /** right before an office: someone who held it ("former", "cựu") */
  /** right before an office: a deputy, an assistant, an acting holder ("Phó Ngoại trưởng", "deputy defense minister") is not its holder */
  deputyBefore: RegExp;
  /** two drills told as happening at one time ("đồng thời với", "while X drilled, Y also …"): neither is joint */
  simultaneous: RegExp;
  /** the visit cue that only says where an official is ("… Ash Carter in Manila") */
  presenceCue: RegExp;
  /** right before a person: the person is an object ("a poster of …") */
  objectOfBefore: RegExp;
  /** ", which / who …" right before a cue: the country before the pronoun did the act */
  relativeBeforeCue: RegExp;
  formerBefore: RegExp;
  /**
   * A sentence opening with two people just named ("The two co-chaired …", "Hai bộ trưởng đã …"),
   * not with two countries ("the two countries", "hai nước").
   */
  twoPeople: RegExp;
  /** between two people joined as one subject: "and" and the second one's title ("… and Secretary of State ") */
  conjoinedPerson: RegExp;
  /** right before a visit cue: a possessive ("as part of his ongoing visit") — the visit of the main clause's subject */
  possessiveBeforeCue?: RegExp;
  /** right before a cue, in its own phrase: the event still lies ahead ("ahead of Modi's state") */
  aheadBeforeCue?: RegExp;
  /** right after a country: a firm it is the home of ("… Dassault Aviation", "'s state-owned Bharat Dynamics Limited") */
  companyAfter?: RegExp;
  /** right before an arms cue: an approval or authorization of it ("cho phép", "approved") */
  approvalBeforeCue?: RegExp;
  /** right before a talks cue: the same occasion as the meeting just told ("also met", "cũng đã hội đàm") */
  alsoBeforeCue?: RegExp;
  /** an agreement cue that is a statement ("joint statement", "tuyên bố chung") */
  statementCue: RegExp;
  /** right after a visit cue: coming to attend a meeting ("… to attend the meeting", "để dự hội nghị") */
  /** a visit cue that is itself an official, state or working visit (not travel to a meeting) */
  officialVisit: RegExp;
  attendAfter: RegExp;
  /** a sentence opening with a clause of circumstance, up to its comma ("Given …,", "Amid …,", "Trong bối cảnh …,") */
  circumstanceOpener?: RegExp;
  /** around a modal invitation word: an invitation taken up ("nhận lời mời của", "at the invitation of") */
  invitationTaken?: RegExp;
  /** one leg of a tour is told ("on the first leg of his trip", "chặng đầu") */
  oneLeg: RegExp;
  /** a talks cue in which the actor receives the other side at home ("hosted", "welcomed", "đón tiếp") */
  hostCue: RegExp;
  /** global: an honorific and one capitalized name in group 1 ("ông Cường", "Mr Biden") */
  honorific: RegExp;
  /** global: an official introduced by title (group `title`) and capitalized name (group `name`) */
  personTitle: RegExp;
  /** a capitalized phrase after a title that is not a name ("Monday", "The") */
  notAName: RegExp;
  /** the English for a title as written ("Bộ trưởng Quốc phòng" → "Defense Minister") */
  titleInEnglish(title: string): string;
}
