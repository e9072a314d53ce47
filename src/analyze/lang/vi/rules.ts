/** Vietnamese patterns of the candidate stages (see ../rules.ts for what each is for). */
import type { LangRules } from "../rules.ts";
import { documentName } from "./document.ts";

export const viRules: LangRules = {
  // "xung đột ở Ukraine", "chiến dịch quân sự đặc biệt tại", "lệnh trừng phạt với Nga"
  topicBefore:
    /(?:xung đột|khủng hoảng|chiến tranh|chiến sự|cuộc chiến|chiến dịch quân sự(?: đặc biệt)?(?: ở| tại)?|vấn đề|tình hình|lập trường(?: của)?|tấn công|xâm lược|không kích|giao tranh(?: với)?|trừng phạt|cấm vận)\s*(?:ở|tại|với)?\s*$/u,
  // "tại Bắc Kinh", "ngoài khơi Philippines", "rời Bình Nhưỡng"; a target or an audience is not a
  // partner either: "nhằm vào Trung Quốc", "đối phó với Triều Tiên", "răn đe Nga", "gửi thông điệp tới Bắc Kinh"
  locationBefore:
    /(?:^|[\s,(])(?:ở|tại|trên lãnh thổ|ngoài khơi|gần|trên biển|quanh|xung quanh|bao quanh|nhằm vào|sát|áp sát|hướng về|rời|rời khỏi|đối phó(?: với)?|răn đe|kiềm chế|chống lại|đối trọng với|cảnh báo|gửi (?:một )?thông điệp (?:tới|đến|cho)|thông điệp (?:tới|đến|cho)|trước mối đe dọa từ|mối đe dọa từ)\s*$/u,
  borderAfter: /^$/u,
  // "biên giới Ba Lan", "vùng biển của Nhật Bản"
  borderBefore: /(?:biên giới|đường biên|lãnh thổ|vùng biển|không phận|bờ biển)(?:\s+(?:với|của))?\s*$/u,
  // "trong bối cảnh căng thẳng …", "bất chấp phản đối …"
  contextMark: /(?:trong bối cảnh|giữa lúc|bất chấp|trước|sau)\s+(?:\S+\s+){0,4}$/u,
  // "kéo dài đến ngày 10/5"
  untilBefore: /(?:đến|tới|cho đến|kéo dài đến|kéo dài tới|đến hết|tới hết)\s*(?:ngày\s*)?$/u,
  // "sau chuyến thăm …", "kể từ cuộc tập trận …"
  prepositionBeforeCue: /(?:^|\s)(?:sau|trước|kể từ|sau khi|trước khi)\s+$/u,
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
  documentName,
};
