/** Vietnamese patterns of the candidate stages (see ../rules.ts for what each is for). */
import type { LangRules } from "../rules.ts";
import { documentName } from "./document.ts";

export const viRules: LangRules = {
  // "xung đột ở Ukraine", "chiến dịch quân sự đặc biệt tại", "lệnh trừng phạt với Nga"
  topicAfter: /^\s+(?:(?:lực lượng|phe|nhóm|quân)\s+)?(?:nổi dậy|đối lập|phiến quân)(?![\p{L}])/u,
  topicBefore:
    /(?:xung đột|khủng hoảng|chiến tranh|chiến sự|cuộc chiến|chiến dịch quân sự(?: đặc biệt)?(?: ở| tại)?|vấn đề|tình hình|lập trường(?: của)?|tấn công|xâm lược|không kích|giao tranh(?: với)?|trừng phạt|cấm vận)\s*(?:ở|tại|với)?\s*$/u,
  // "tại Bắc Kinh", "ngoài khơi Philippines", "rời Bình Nhưỡng"; a target or an audience is not a
  // partner either: "nhằm vào Trung Quốc", "đối phó với Triều Tiên", "răn đe Nga", "gửi thông điệp tới Bắc Kinh"
  locationBefore:
    /(?:^|[\s,(])(?:ở thủ đô|tại thủ đô|ở thành phố|tại thành phố|ở|tại|thủ đô|trên lãnh thổ|ngoài khơi|giờ|theo giờ|gần|trên biển|quanh|xung quanh|bao quanh|nhằm vào|sát|áp sát|hướng về|rời|rời khỏi|đối phó(?: với)?|răn đe|kiềm chế|chống lại|đối trọng với|cảnh báo|gửi (?:một )?thông điệp (?:tới|đến|cho)|thông điệp (?:tới|đến|cho)|trước mối đe dọa từ|mối đe dọa từ)\s*$/u,
  // a target, an audience or a subject of worry, person or country, a few words on ("to counter the rise of China")
  // Vietnamese words are syllables: five of them ("ưu thế quân sự") are about two English words
  targetBefore: /(?:^|[\s,(])(?:thách thức|nhằm vào|kêu gọi|hối thúc|yêu cầu|đề nghị|thúc giục|cảnh báo|nhằm răn đe|răn đe|đối phó(?: với)?|kiềm chế|chống lại|đối trọng với|gửi (?:một )?(?:thông điệp|tín hiệu) (?:tới|đến|cho)|thông điệp (?:tới|đến|cho)|phô diễn sức mạnh (?:trước|với)|lo ngại về|quan ngại về|mối đe dọa từ|sức ép (?:từ|lên)|đặc phái viên (?:về|phụ trách))\s+(?:\S+\s+){0,5}$/u,
  // a clause after the cue that speaks of something else ("… comes days after Chinese jets …")
  clauseBreak: /(?:;|,\s*sau\s|,\s*nơi\s|\s(?:thì|trong khi|khi|sau khi|giữa lúc|trong bối cảnh|bất chấp|nhằm|trước khi|kể từ khi|sau đó|đồng thời|trong lúc)\s)/gu,
  mediaAfter: /(?!)/u,
  mediaBefore: /(?:^|\s)(?:(?:báo chí|truyền thông|giới truyền thông|hãng tin|hãng thông tấn|thông tấn xã|đài phát thanh|đài truyền hình|đài tiếng nói|kênh truyền hình|tờ báo|nhật báo|thời báo)(?:\s+(?:nhà nước|chính thức|quốc gia|quân đội))?\s+|(?:báo chí|hãng tin|hãng thông tấn|thông tấn xã|đài phát thanh|đài truyền hình|kênh truyền hình|tờ báo|tờ|nhật báo|thời báo|tạp chí)\s+(?:[^\s,.;]+\s+){1,4}của\s+)$/u,
  borderAfter: /^$/u,
  // "biên giới Ba Lan", "vùng biển của Nhật Bản"
  borderBefore: /(?:biên giới|đường biên|lãnh thổ|vùng biển|không phận|bờ biển)(?:\s+(?:phía\s+)?(?:bắc|nam|đông|tây|đông bắc|tây bắc|đông nam|tây nam|chung))?(?:\s+(?:với|của))?\s*$/u,
  // "trong bối cảnh căng thẳng …", "bất chấp phản đối …"
  contextMark: /(?:trong bối cảnh|giữa lúc|bất chấp|trước|sau)\s+(?:\S+\s+){0,4}$/u,
  // "kéo dài đến ngày 10/5"
  sourceDateBefore: /(?:(?:thông cáo|thông báo|tuyên bố|thông tin|công văn|văn bản)(?:\s+báo chí)?\s+(?:ra\s+|đưa ra\s+|phát đi\s+)?|(?:cho biết|cho hay|nói|phát biểu)\s+)(?:hôm\s+|vào\s+|ngày\s+)?$/u,
  untilBefore: /(?:đến|tới|cho đến|kéo dài đến|kéo dài tới|đến hết|tới hết)\s*(?:ngày\s*)?$/u,
  // "by 2030", "đến năm 2045"
  // "trong chuyến thăm …", "during his visit"
  duringBeforeCue: /(?:^|\s)(?:trong|nhân|trong khuôn khổ)\s+$/u,
  recipientBefore: /(?:^|\s)(?:cho|tới)\s+$/u,
  contextPersonBefore: /(?:dưới thời|kế nhiệm|thay thế|người tiền nhiệm|tiền nhiệm|thời|dưới sự lãnh đạo của|nhiệm kỳ của|kể từ khi|giống như|như)\s+(?:[\p{L}.-]+\s+){0,6}$/u,
  seriesBefore: /(?:^|\s)(?:các|những|nhiều|loạt|hàng loạt|một loạt)\s+(?:chuyến|cuộc)\s+[^,.;]{0,50}$/u,
  pluralBefore: /(?:^|\s)(?:các|những|nhiều|loạt|hàng loạt|một loạt)\s+$/u,
  deadlineBefore: /(?:đến|tới|trước|cho tới|cho đến|tầm nhìn(?: đến)?|giai đoạn(?: \d{4}\s*[-–])?)\s*(?:hết\s*)?(?:năm\s*)?$/u,
  // "sau chuyến thăm …", "kể từ cuộc tập trận …"
  // between a region a visit goes to and a country it stops in ("a tour of Asia, including Japan")
  regionStopBefore: /(?:tới|đến|sang|gồm|bao gồm|như|là|:)\s+$/u,
  prepositionBeforeCue: /(?:^|\s)(?:sau|trước|kể từ|sau khi|trước khi)\s+$/u,
  appositiveClause: /^\s*(?:vốn là|là nơi|từng là)\s/u,
  armsContract: /hợp đồng (?:mua|mua sắm|cung cấp|bán|chế tạo|đóng)\s+(?:\S+\s+){0,3}?(?:vũ khí|khí tài|tiêm kích|máy bay|trực thăng|tên lửa|xe tăng|tàu|pháo|đạn|hệ thống|uav|drone)|hợp đồng (?:vũ khí|quốc phòng)|thương vụ (?:vũ khí|\d+ (?:tiêm kích|máy bay|tàu|xe tăng))/u,
  lawBefore: /(?:luật|dự luật|nghị quyết|đạo luật)\s*$/u,
  meetingNoun: /(?:cuộc gặp|gặp|hội đàm|điện đàm|cuộc hội đàm|cuộc điện đàm|trao đổi)\s*$/u,
  afterMeeting: /^\s*(?:sau|trong|tại|sau khi có)\s+(?:[^\s,]+\s+){0,1}$/u,
  bareMotionCue: /^(?:đến|tới|sang)\s/u,
  notTravelBetween: /(?:^|\s)(?:chạy trốn|bỏ chạy|trốn|tị nạn|sơ tán|di tản|lực lượng|cử|hướng|nhắm|gửi|chuyển|điều|triển khai|đưa|phóng|bắn|công hàm|thông điệp|tín hiệu|máy bay|chiến đấu cơ|tàu|tên lửa|vũ khí|bom|quân|binh sĩ|hàng hóa|lời)(?=\s|$)/u,
  domesticMeetingAfter: /^\s+(?:của\s+)?(?:bộ|hội đồng|quốc hội|chính phủ|nội các|ủy ban|đảng|bộ chính trị)\s/u,
  warTalksBefore: /(?:^|\s)(?:hòa bình|ngừng bắn|đình chiến|con tin)\s+$/u,
  warTalksAfter: /^\s*(?:hòa bình|ngừng bắn|đình chiến|về (?:hòa bình|lệnh ngừng bắn|trao đổi tù binh|con tin))/u,
  afterClauseOpener: /(?:^|\s)(?:sau khi|trước khi)\s/u,
  withAtEnd: /(?:^|\s)với\s*$/u,
  withAtStart: /^\s*với\s/u,
  originBetweenAfterCue: /^\s*(?:[^\s,.;]+\s+){0,4}?,?\s*(?:được\s+)?(?:khởi xướng|khởi đầu|bắt đầu|tổ chức lần đầu)\s+(?:(?:từ|vào|trong)\s+)?(?:năm\s+(?:19|20)\d\d\s+)?giữa\s/u,
  betweenAfterCue: /^\s*(?:[^\s,.;]+\s+){0,10}?giữa\s/u,
  sponsorsAfterCue: /^[^.;]{0,60}?(?:do|được|dưới sự)\s+(?:[\p{L}]+\s+){0,2}?(?:bảo trợ|chủ trì|làm trung gian|trung gian|đứng ra tổ chức)/u,
  objectBefore: /(?:^|\s)(?:với|về|đặc phái viên)\s+(?:\S+\s+){0,4}$/u,
  meetsObject: /(?:^|\s)(?:gặp|gặp gỡ|gặp mặt|hội kiến|tiếp kiến|tiếp|đón|đón tiếp)\s*$/u,
  motionBefore: /(?:^|\s)(?:đến|tới|sang|thăm)\s+(?:thủ đô\s+)?$/u,
  withBeforePartner: /(?:cùng với|cùng|với)\s+(?:(?:các|lực lượng|hải quân|quân đội|không quân|tàu|chiến hạm)\s+)*$/u,
  afterOpener: /^\s*(?:sau khi|sau)\s/u,
  civilOffice: /bộ trưởng (?:bộ )?(?:công thương|thương mại|tài chính|kế hoạch và đầu tư|nông nghiệp|y tế|giáo dục|văn hóa|giao thông|tài nguyên|tư pháp|lao động|xây dựng|khoa học|kinh tế|du lịch|năng lượng)/u,
  thenAfterOpener: /^\s*(?:trong khi|khi|nếu|dù|mặc dù|trong lúc)\s/u,
  subordinateInside: /(?<![\p{L}])(?:sau khi|trước khi|kể từ khi|kể từ|từ khi)(?![\p{L}])/u,
  // "năm nay đánh dấu 30 năm thiết lập quan hệ …"
  anniversaryMark: /kỷ niệm|đánh dấu|tròn/u,
  yearsBeforeCue: /(\d{1,3})\s+năm(?:\s+(?:ngày|kể từ|từ khi|kể từ khi))?\s*(?:\S+\s*){0,2}$/u,
  detailWords: [
    [/trực tuyến/u, "video"],
    [/điện đàm|qua điện thoại/u, "phone"],
    [/không quân|trên không/u, "air"],
    [/hải quân|trên biển/u, "naval"],
    [/lục quân|trên bộ/u, "land"],
    [/cấp nhà nước/u, "state"],
  ],
  pastVerbCue: null,
  // "tập trận "Rồng Vàng 2024"", "cuộc tập trận mang tên “Vành đai An ninh Biển”", "Hiệp định "Đối tác …""
  nameAfterCue: /^\s*(?:chung\s+)?(?:(?:có\s+)?(?:mang\s+)?(?:tên|mật danh)(?:\s+gọi)?\s+(?:là\s+)?)?[“"«]([^”"»]{3,60})[”"»]/u,
  nameBeforeCue: null,
  offices: [
    [/bộ trưởng quốc phòng/u, "defense_minister"],
    [/bộ trưởng ngoại giao|ngoại trưởng/u, "foreign_minister"],
    [/thủ tướng/u, "head_of_government"],
    [/tổng thống|chủ tịch nước/u, "head_of_state"],
  ],
  deputyBefore: /(?:^|\s)(?:phó|trợ lý|quyền)\s*$/u,
  simultaneous: /(?:^|\s)(?:(?:gần như\s+)?(?:đồng thời|cùng lúc|song song)\s+với|trong (?:lúc|khi)\s[^,;]{0,120}\s+thì\s+(?:[^\s,;]+\s+){1,6}cũng)(?![\p{L}])/u,
  presenceCue: /(?!)/u,
  objectOfBefore: /(?!)/u,
  relativeBeforeCue: /(?!)/u,
  formerBefore: /(?:^|\s)(?:cựu|nguyên)\s*$/u,
  twoPeople: /^hai\s+(?:ông|bà|vị|người|nhà lãnh đạo|lãnh đạo|bộ trưởng|tổng thống|thủ tướng|chủ tịch|tướng|tư lệnh|đại tướng|ngoại trưởng)(?![\p{L}])/iu,
  conjoinedPerson: /^\s*,?\s+và\s+(?:\p{L}+\s+){0,6}$/u,
  aheadBeforeCue: /(?:^|\s)(?:trước thềm|chuẩn bị cho)\s+(?:[^\s,.;]+\s+){0,3}$/u,
  approvalBeforeCue: /(?:cho phép|phê duyệt|chấp thuận|thông qua|bật đèn xanh cho)\s+(?:việc\s+)?$/u,
  alsoBeforeCue: /(?:^|\s)cũng\s+(?:đã\s+)?(?:có\s+(?:cuộc\s+)?)?$/u,
  statementCue: /tuyên bố|thông cáo/u,
  attendAfter: /^\s*(?:[^\s,.;]+\s+){0,6}?(?:để\s+)?(?:dự|tham dự|tham gia)\s+(?:[^\s,.;]+\s+){0,4}?(?:hội nghị|hội nghị thượng đỉnh|cuộc họp|diễn đàn|phiên họp|đối thoại)(?![\p{L}])/iu,
  officialVisit: /thăm (?:chính thức|cấp nhà nước|làm việc|hữu nghị)/u,
  circumstanceOpener: /^(?:trong bối cảnh|giữa lúc|bất chấp|trước bối cảnh)\s/iu,
  invitationTaken: /(?:nhận lời mời|theo lời mời|nhận lời)\s+(?:của\s+)?/u,
  oneLeg: /chặng (?:đầu|cuối|tiếp|thứ)/u,
  hostCue: /^(?:đón tiếp|tiếp đón|đón|tiếp|tiếp kiến)(?![\p{L}])/u,
  honorific: /(?<![\p{L}])(?:ông|bà|Ông|Bà)\s+(\p{Lu}\p{L}+)(?![\p{L}])/gu,
  personTitle:
    /(?<title>Bộ trưởng Quốc phòng|Bộ trưởng Ngoại giao|Bộ trưởng|Thứ trưởng Quốc phòng|Thứ trưởng Ngoại giao|Thứ trưởng|Ngoại trưởng|Tổng thống|Phó Tổng thống|Thủ tướng|Phó Thủ tướng|Chủ tịch nước|Chủ tịch|Tổng Tham mưu trưởng|Tham mưu trưởng|Tư lệnh|Đại sứ|Đặc phái viên|Cố vấn An ninh Quốc gia|Quốc vương|Đại tướng|Thượng tướng|Đô đốc|Tướng)\s+(?:[\p{L}.]+\s+){0,4}?(?<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})/gu,
  notAName: /^(?:Quốc|Bộ|Nhà|Hải|Không|Lục|Thứ|Chủ|Tháng|Ngày|Hôm|Trung Quốc|Hoa Kỳ|Việt Nam)\b/u,
  titleInEnglish: (t) =>
    ({ "bộ trưởng quốc phòng": "Defense Minister", "bộ trưởng ngoại giao": "Foreign Minister", "ngoại trưởng": "Foreign Minister", "bộ trưởng": "Minister", "thứ trưởng quốc phòng": "Deputy Defense Minister", "thứ trưởng ngoại giao": "Deputy Foreign Minister", "thứ trưởng": "Deputy Minister", "tổng thống": "President", "phó tổng thống": "Vice President", "thủ tướng": "Prime Minister", "phó thủ tướng": "Deputy Prime Minister", "chủ tịch nước": "President", "chủ tịch": "Chairman", "tổng tham mưu trưởng": "Chief of General Staff", "tham mưu trưởng": "Chief of Staff", "tư lệnh": "Commander", "đại sứ": "Ambassador", "đặc phái viên": "Envoy", "cố vấn an ninh quốc gia": "National Security Adviser", "quốc vương": "King", "đại tướng": "General", "thượng tướng": "General", "đô đốc": "Admiral", "tướng": "General" })[t.toLowerCase()] ?? "",
  documentName,
  // "Hiệp ước Hữu nghị và Hợp tác năm 1978": the year right after the document's name, not a
  // time adverbial of a verb ("ký … vào năm 2025") (the cue is the noun, not "ký")
  documentYear: (lower, rel, len) =>
    !/^(?:ký|vừa ký|đã ký|lễ ký|sẽ ký)/u.test(lower.slice(rel, rel + len)) &&
    /^(?:\s+(?!vào\b|trong\b|từ\b|đến\b|tới\b|cuối\b|đầu\b|giữa\b|hồi\b|sẽ\b|được\b)[^\s,.;:]+){0,8}?\s+năm\s+(?:19|20)\d\d(?!\d)/u.test(lower.slice(rel + len, rel + len + 80)),
};
