/** English patterns of the candidate stages (see ../rules.ts for what each is for). */
import type { LangRules } from "../rules.ts";
import { documentName } from "./document.ts";

/** Defence firms the press names by brand alone ("British Rolls-Royce", "French Safran"): a country before one is the firm's home. */
const DEFENSE_FIRMS =
  "(?:Rolls-Royce|Safran|Dassault|Thales|Naval Group|Airbus|Boeing|Lockheed Martin|Lockheed|Raytheon|RTX|Northrop Grumman|General Dynamics|General Atomics|General Electric|GE Aerospace|BAE Systems|Leonardo|Fincantieri|Saab|Rheinmetall|Krauss-Maffei|KNDS|Elbit|Rafael|IAI|Hanwha|KAI|Hyundai Rotem|Embraer|Rosoboronexport|Rostec|Almaz-Antey|Sukhoi|Mikoyan|Norinco|AVIC|Baykar|Aselsan|MBDA|Diehl|Kongsberg|Navantia|Damen|Mitsubishi Heavy Industries|Kawasaki Heavy Industries)";

export const enRules: LangRules = {
  // "the war in Ukraine", "sanctions against Russia", "attacks on"
  topicBefore: /(?:(?:war|conflict|crisis|invasion|fighting|attack|attacks|strikes|sanctions|aggression|offensive|hostilities|future|fate|ceasefire|truce|peace process|situation)\s+(?:in|on|of|against|with|over|for)|(?:talks|negotiations|consultations|discussions|discussed|talked|differed|disagreed)\s+(?:[^\s,.;]+\s+){0,4}?(?:on|about|over|regarding|concerning))\s+(?:the\s+)?$/u,
  topicAfter: /^(?:\s+|[-–][\p{L}]+\s+)(?:civil\s+)?(?:war|conflict|crisis|ceasefire|truce|peace process|peace talks|rebels|rebel groups|opposition|refugees|insurgents|militants)\b/u,
  // "in Minsk", "off the coast of", "drills around Taiwan", "leaving Pyongyang"; a target or an
  // audience is not a partner either: "aimed at China", "to deter North Korea", "a warning to Beijing"
  locationBefore:
    /(?:^|[\s,(])(?:in|at|near|off|off the coast of|outside|across|inside|around|surrounding|encircling|against|targeting|toward|towards|close to|leaving|left|aimed at|directed at|deter|deters|deterring|deterrence against|warning to|warnings to|message to|signal to|counter|countering|counterweight to|threat from|threats from|threat posed by|pressure on)\s+(?:the\s+)?$/u,
  // "the Polish border", "Japanese waters"
  // a target, an audience or a subject of worry, person or country, a few words on ("to counter the rise of China")
  targetBefore: /(?:^|[\s,(])(?:antagoniz(?:e|es|ed|ing)|antagonis(?:e|es|ed|ing)|provok(?:e|es|ed|ing)|call(?:s|ed|ing)? for|challeng(?:e|es|ed|ing)|a challenge to|aimed at|targeting|targeted|urged|urging|urges|called on|calls on|calling on|demanded|demands|pressed|warned|warns|directed at|against|to deter|deter|deterring|deterrence against|(?:a )?warning to|(?:a )?message to|(?:a )?signal to|show of force (?:against|to|toward|towards)|to counter|counter|countering|counterweight to|worries about|concerns? (?:about|over)|threats? (?:from|posed by)|pressure on|envoy (?:for|on)|representative for|policy (?:on|toward|towards))\s+(?:\S+\s+){0,3}$/u,
  // a clause after the cue that speaks of something else ("… comes days after Chinese jets …")
  clauseBreak: /(?:;|,\s*where\s|\s(?:as|while|whereas|amid|when|which|since|after|following|ahead of|before|despite|even as|just days after|comes? (?:just |only )?(?:days|weeks|months)? ?after)\s)/gu,
  mediaAfter: /^(?:['’]s)?\s+(?:(?:state|state-run|state-owned|official|national|public|local|government|pro-government|military)\s+)*(?:media|news agency|news agencies|newspapers?|broadcasters?|television|tv|radio|dailies|daily|tabloids?|news outlets?|press agency)\b/u,
  mediaBefore: /(?!)/u,
  borderAfter: /^\s+(?:time|border|borders|frontier|coast|coastline|waters|airspace|soil|territory|side of the border)\b/u,
  borderBefore: /(?:border with|borders with|frontier with)\s+(?:the\s+)?$/u,
  // "amid tensions with …", "against the backdrop of confrontations …"
  contextMark: /(?:amid|against the backdrop of|despite|in the face of|following|after)\s+(?:\S+\s+){0,6}$/u,
  // "which run until May 10"
  sourceDateBefore: /\b(?:(?:statement|announcement|release|briefing|communiqu[eé]|notice)\s+(?:issued\s+|released\s+|dated\s+)?(?:on\s+)?|(?:said|says|announced|told\s+(?:reporters|journalists|parliament|lawmakers))\s+(?:on\s+)?)$/u,
  untilBefore: /(?:until|till|through|runs? to|lasts? to)\s*$/u,
  // "by 2030", "đến năm 2045"
  // "trong chuyến thăm …", "during his visit"
  duringBeforeCue: /\b(?:during|in the course of|on the sidelines of)\s+(?:the\s+|his\s+|her\s+|their\s+|a\s+)?$/u,
  recipientBefore: /\b(?:to|for)\s+(?:the\s+)?$/u,
  contextPersonBefore: /\b(?:under|succeeded|replaced|replacing|took over from|during the (?:presidency|tenure|term|rule) of|since|unlike|like|than|successor to|predecessor)\s+(?:[\p{L}.'’-]+\s+){0,5}$/u,
  seriesBefore: /\b(?:several|many|numerous|a series of|multiple|repeated|frequent|regular)\s+(?:[\w-]+\s+)?(?:visits|trips|tours|journeys)\b[^,.;]{0,40}$/u,
  pluralBefore: /\b(?:several|many|numerous|a series of|multiple|repeated|frequent|regular)\s+$/u,
  deadlineBefore: /(?:\bby|\bbefore|\bthrough|\buntil|\bno later than|\bvision|\bplan for|\bout to)\s+(?:the end of\s+|early\s+|late\s+|mid-?)?$/u,
  // "after his visit", "since the drills"
  // between a region a visit goes to and a country it stops in ("a tour of Asia, including Japan")
  regionStopBefore: /(?:including|with stops? in|stopping in|to|in|:)\s+(?:the\s+)?$/u,
  prepositionBeforeCue: /\b(?:after|before|since|following)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?$/u,
  appositiveClause: /^\s*(?:a|an|home to|the site of|the scene of)\s/u,
  armsContract: /\b(?:contracts?|deal|purchase agreement)\s+(?:(?:worth|valued at)\s+\S+\s+)?(?:for|to (?:buy|purchase|supply|build|acquire))\s+(?:\S+\s+){0,4}?(?:fighters?|jets?|aircraft|helicopters?|missiles?|tanks?|submarines?|frigates?|corvettes?|warships?|ships|vessels|drones?|howitzers?|artillery|air defen[cs]e|weapons?|arms|rifles)\b|\b(?:arms|weapons|defen[cs]e procurement) (?:deal|contract)s?\b/u,
  lawBefore: /\b(?:law|bill|legislation|act|measure|resolution)\s*$/u,
  meetingNoun: /(?:meeting|talks|call|conversation|met)\s*$/u,
  afterMeeting: /^\s*(?:after|following|during|at)\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[a-z-]+\s+){0,2}$/u,
  // "peace talks", "ceasefire negotiations": talks to end a war, not cooperation
  warTalksBefore: /(?:peace|ceasefire|cease-fire|truce|hostage|hostage-release|armistice)\s+$/u,
  domesticMeetingAfter: /^\s+of\s+(?:the\s+)?(?:\S+\s+){0,2}(?:cabinet|ministry|parliament|politburo|central committee|national security council|security council|communist party|party)\b/u,
  // "the NMSAR Board meeting", "a cabinet meeting": one body's own meeting
  domesticMeetingBefore: /(?<!\bjoint\s)\b(?:board|cabinet|parliament|parliamentary|politburo|party|plenum|congress)\s+$/u,
  venueBefore: /\bthe\s+$/u,
  // "a maritime talks proposal", "peace talks offer": the cue names what is proposed
  cueModifierAfter: /^\s+(?:proposals?|offers?|requests?|initiatives?)\b/u,
  afterClauseOpener: /(?:^|\s)(?:after|before)\s/u,
  withAtEnd: /\bwith\s*$/u,
  withAtStart: /^\s*with\s/u,
  originBetweenAfterCue: /^\s*(?:[^\s,.;]+\s+){0,4}?,?\s*(?:which\s+)?(?:was\s+)?(?:initiated|begun|began|started|launched|first held|inaugurated)\s+(?:in\s+(?:19|20)\d\d\s+)?(?:as\s+a\s+bilateral\s+\S+\s+)?between\s/u,
  betweenAfterCue: /^\s*(?:[^\s,.;]+\s+){0,8}?between\s/u,
  sponsorsAfterCue: /^[^.;]{0,60}?\b(?:sponsored|hosted|mediated|brokered|facilitated|convened)\s+by\s/u,
  objectBefore: /\b(?:with|for)\s+(?:\S+\s+){0,4}$/u,
  meetsObject: /(?:^|\s)(?:met|meets|meeting|received|receives|hosted|hosts|welcomed|welcomes)\s*$/u,
  motionBefore: /\b(?:to|arrived in|arrives in|landed in|lands in|visit(?:s|ed|ing)?)\s+(?:the\s+)?$/u,
  withBeforePartner: /\b(?:with|alongside|together with|along with)\s+(?:(?:the|our|its|their|allies|partners|ally|partner)\s+)*$/u,
  afterOpener: /^\s*(?:after|following)\s/u,
  civilOffice: /\b(?:commerce|trade|finance|economy|economic|agriculture|health|education|tourism|culture|transport|energy|industry|labou?r|environment|treasury)\s+(?:minister|ministers|secretary|secretaries)\b|\bministers? (?:of|for) (?:commerce|trade|finance|economy|agriculture|health|education|tourism|culture|transport|energy|industry|labou?r|environment)\b/iu,
  thenAfterOpener: null,
  subordinateInside: /\b(?:after|before|since|following)\b/u,
  // "marks the 30th anniversary of the treaty"
  anniversaryMark: /anniversary|marks?|marking/u,
  yearsBeforeCue: /(\d{1,3})(?:st|nd|rd|th)?[\s-]+(?:anniversary|years?)\s+(?:of|since)\s+(?:the\s+)?(?:\S+\s+){0,2}$/u,
  detailWords: [
    [/video|virtual/, "video"],
    [/phone|telephone/, "phone"],
    [/naval|navy|maritime|at sea/, "naval"],
    [/air force|aerial|air patrol|bomber/, "air"],
    [/\bstate visit/, "state"],
  ],
  // "met", "signed", "held", "delivered"
  pastVerbCue: /(?:ed|held|met|signed|sold|bought|spoke|flew|went|came)$/,
  // 'exercise "Pacific Vanguard"', 'drills, dubbed "Joint Sea-2024"', 'exercise code-named "…"'
  nameAfterCue: /^\s*,?\s*(?:(?:dubbed|named|called|code-?named|known as)\s+)?[“"«]([^”"»]{3,60})[”"»]/u,
  // 'the "Northern/Interaction-2024" exercise', 'the Malabar exercise' is left alone (no quotes)
  nameBeforeCue: /[“"«]([^”"»]{3,60})[”"»]\s*(?:joint\s+|naval\s+|military\s+|air\s+)?$/u,
  offices: [
    [/defen[cs]e (?:minister|ministers|secretary|secretaries|chief|chiefs)|secretary of defen[cs]e/u, "defense_minister"],
    [/foreign (?:minister|ministers)|secretary of state/u, "foreign_minister"],
    [/prime (?:minister|ministers)|premiers?/u, "head_of_government"],
    [/presidents?/u, "head_of_state"],
  ],
  deputyBefore: /\b(?:deputy|assistant|under|vice|acting|associate)\s*$/u,
  simultaneous: /\b(?:at the same time as|simultaneously with|in parallel with|(?:almost|nearly) simultaneously)\b|^(?:while|as)\b[^,;]{0,120},\s*(?:[^\s,;]+\s+){1,6}(?:also|too|likewise)\b/u,
  presenceCue: /^in\s*$/u,
  objectOfBefore: /\b(?:poster|portrait|effigy|photo|image|picture|statue|mask)s?\s+of\s+(?:\S+\s+){0,3}$/u,
  relativeBeforeCue: /,\s*(?:which|who)\s+(?:[^\s,.;]+\s+){0,4}$/u,
  formerBefore: /\b(?:former|ex-|then-|late)\s*$/u,
  twoPeople: /^(?:the two|both)(?:\s+(?:men|women|leaders|ministers|officials|presidents|premiers|prime ministers|generals|commanders|chiefs|secretaries)(?![\p{L}])|(?![\p{L}-])(?!\s+(?:countries|nations|sides|militaries|navies|armies|air forces|governments|states|neighbou?rs|allies|partners|of)\b))/iu,
  conjoinedPerson: /^\s*,?\s+and\s+(?:\p{L}+\s+){0,6}$/u,
  possessiveBeforeCue: /\b(?:his|her|their)\s+(?:[\p{L}-]+\s+){0,3}$/u,
  aheadBeforeCue: /\b(?:ahead of|in preparation for|preparations for|in the run-up to)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+|an?\s+)?(?:[^\s,.;]+\s+){0,6}$/iu,
  companyAfter: new RegExp(
    `^(?:['’]s)?\\s+(?:state-owned\\s+|state-run\\s+|private\\s+|(?:defen[cs]e|arms|aerospace)\\s+(?:firm|company|major|maker|manufacturer)\\s+|(?:firm|company|giant|major|manufacturer)\\s+)*(?:(?:\\p{Lu}[\\p{L}&.-]*\\s+){0,3}(?:Limited|Ltd\\.?|Inc\\.?|Corp(?:oration)?\\.?|Aviation|Aerospace|Industries|Dynamics|Shipyards?|Electronics|Technologies|Holdings|Company)|${DEFENSE_FIRMS})(?![\\p{L}])`,
    "u",
  ),
  approvalBeforeCue: /\b(?:approv(?:ed|es|ing)|authori[sz](?:ed|es|ing)|cleared|greenlit)\s+(?:the\s+|a\s+)?$/u,
  alsoBeforeCue: /\balso\s+(?:\S+\s+){0,1}$/u,
  statementCue: /statement|declaration|communiqu/u,
  attendAfter: /^\s*(?:[^\s,.;]+\s+){0,6}?(?:to\s+(?:attend|participate in|take part in|speak at|address)|for)\s+(?:the\s+|a\s+)?(?:[^\s,.;]+\s+){0,4}?(?:meeting|summit|conference|conclave|session|forum|gathering|dialogue)\b/iu,
  officialVisit: /\b(?:official|state|working|bilateral)\s+visit/u,
  circumstanceOpener: /^(?:given|amid|despite|in the face of|in light of|against the backdrop of)\s/iu,
  invitationTaken: /\b(?:at|on|upon) the invitation of\b/u,
  oneLeg: /\b(?:first|second|third|last|final|next) leg\b/u,
  hostCue: /^(?:host(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|receiv(?:e|es|ed|ing))\b/u,
  honorific: /\b(?:Mr|Mrs|Ms|Dr)\.?\s+(\p{Lu}[\p{L}'’-]+)(?![\p{L}])/gu,
  personTitle:
    /(?<title>(?:(?:[Dd]efen[cs]e|[Ff]oreign|[Pp]rime|[Dd]eputy|[Vv]ice|[Ss]pecial|[Nn]ational [Ss]ecurity|[Ii]nterior|[Hh]ome|Air Force|Navy|Naval|Army|Coast Guard|Military)\s)?(?:Minister|Secretary|President|Premier|Chancellor|General|Gen\.|Admiral|Adm\.|Commander|Chief of Staff|Chief|Envoy|envoy|Ambassador|ambassador|Adviser|adviser|Advisor|advisor|minister|secretary|(?:Under |Assistant )?Secretary of (?:Defen[cs]e|State)(?: for Policy)?|[Ss]ecretary of [Ss]tate|Secretary of Defense))(?: [A-Z][a-z]+)??,?\s+(?<name>\p{Lu}[\p{L}'’.-]+(?:\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|In|At|And|Said|Says)\b)\p{Lu}[\p{L}'’.-]+){0,2})/gu,
  notAName: /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|This|That|On|In|At|Of|And)\b/u,
  titleInEnglish: (t) => t.trim().replace(/^./u, (c) => c.toUpperCase()).replace(/Defence/u, "Defense").replace(/^Gen\.$/u, "General").replace(/^Adm\.$/u, "Admiral"),
  documentName,
  // "the 2014 Enhanced Defense Cooperation Agreement", "their 2021 pact", "the Lombok Treaty of 2006" (the cue is the noun)
  documentYear: (lower, rel, len) =>
    !/^(?:sign|ink|seal)/u.test(lower.slice(rel, rel + len)) &&
    (/\b(?:the|its|their|a|an)\s+(?:19|20)\d\d\s+(?:[\p{L}()'’-]+\s+){0,6}$/u.test(lower.slice(Math.max(0, rel - 90), rel)) || /^\s+of\s+(?:19|20)\d\d\b/u.test(lower.slice(rel + len, rel + len + 12))),
};
