-- Grading formulas as data (src/insight/formula.ts says their shape; the README's Insight section writes
-- out the two presets). A deployment edits them through PUT /api/insight/formulas/{code}; grades are
-- computed from the rollups when asked, so any past month can be graded again with any formula.
create table insight_formulas (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  definition jsonb not null,
  updated_at timestamptz not null default now()
);

-- The anti-gaming penalties both presets carry: closures the citizen refuses, resolutions bunched in
-- the last hours before the deadline at an unusual rate, "not our subject" transfers that came back,
-- resolutions without proof of action.
insert into insight_formulas (code, definition) values
('cmh181', $json${
  "name": {"en": "CM Helpline 181", "hi": "सीएम हेल्पलाइन 181"},
  "indicators": [
    {"key": "satisfied_closure", "label": {"en": "Satisfied closure", "hi": "संतुष्टि के साथ बंद"}, "weight": 60,
     "numerator": ["closed_satisfied"], "denominator": ["closed"], "drill": "closedSatisfied"},
    {"key": "satisfied_over50", "label": {"en": "Satisfied disposal of complaints pending more than 50 days", "hi": "50 दिन से अधिक लंबित शिकायतों का संतुष्टि के साथ निराकरण"}, "weight": 20,
     "numerator": ["satisfied_over50"], "denominator": ["disposed_over50"], "drill": "satisfiedOver50"},
    {"key": "low_quality_closure", "label": {"en": "Low-quality closure (refused by the citizen)", "hi": "निम्न गुणवत्ता से बंद"}, "weight": 10,
     "numerator": ["reopened_after_resolution"], "denominator": ["resolved"], "invert": true, "drill": "reopenedAfterResolution"},
    {"key": "not_attended", "label": {"en": "Not attended (time ran out)", "hi": "अनअटेंडेड"}, "weight": 10,
     "numerator": ["breaches"], "denominator": ["assigned"], "invert": true, "drill": "breaches"}
  ],
  "penalties": [
    {"key": "refused_closures", "label": {"en": "Closures the citizen refused", "hi": "नागरिक द्वारा अस्वीकृत समाधान"},
     "numerator": ["reopened_after_resolution"], "denominator": ["resolved"], "threshold": 0.2, "points": 5, "drill": "reopenedAfterResolution"},
    {"key": "last_hours", "label": {"en": "Resolved in the last hours before the deadline, unusually often", "hi": "समय-सीमा के अंतिम घंटों में असामान्य रूप से अधिक समाधान"},
     "numerator": ["resolved_last_hours"], "denominator": ["resolved_in_time"], "threshold": 0.3, "relativeToAll": 2, "points": 5, "drill": "resolvedLastHours"},
    {"key": "wrong_transfers", "label": {"en": "\"Not our subject\" transfers that came back", "hi": "गलत विभाग-अंतरण"},
     "numerator": ["wrong_transfers"], "denominator": ["transfers"], "threshold": 0, "points": 5, "drill": "wrongTransfers"},
    {"key": "no_proof", "label": {"en": "Resolved without proof of action", "hi": "कार्रवाई के प्रमाण के बिना समाधान"},
     "numerator": ["resolved_without_proof"], "denominator": ["resolved"], "threshold": 0.5, "points": 5, "drill": "resolvedWithoutProof"}
  ],
  "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 60}, {"grade": "C", "min": 40}],
  "lowestGrade": "D",
  "uniqueOnly": true
}$json$),
('grai', $json${
  "name": {"en": "Grievance Redressal Assessment Index (GRAI-style)", "hi": "शिकायत निवारण मूल्यांकन सूचकांक"},
  "dimensions": [
    {"key": "efficiency", "label": {"en": "Efficiency", "hi": "दक्षता"}, "weight": 40},
    {"key": "feedback", "label": {"en": "Feedback", "hi": "प्रतिक्रिया"}, "weight": 30},
    {"key": "domain", "label": {"en": "Domain", "hi": "डोमेन"}, "weight": 20},
    {"key": "commitment", "label": {"en": "Organisational commitment", "hi": "संगठनात्मक प्रतिबद्धता"}, "weight": 10}
  ],
  "indicators": [
    {"key": "in_time", "dimension": "efficiency", "label": {"en": "Resolved within time", "hi": "समय पर समाधान"}, "weight": 1,
     "numerator": ["resolved_in_time"], "denominator": ["resolved"], "drill": "resolvedInTime"},
    {"key": "disposal", "dimension": "efficiency", "label": {"en": "Disposed of, per received", "hi": "निपटान दर"}, "weight": 1,
     "numerator": ["disposed"], "denominator": ["received"], "drill": "resolved"},
    {"key": "satisfaction", "dimension": "feedback", "label": {"en": "Citizens satisfied", "hi": "संतुष्ट नागरिक"}, "weight": 2,
     "numerator": ["closed_satisfied"], "denominator": ["closed_satisfied", "reopened_after_resolution"], "drill": "closedSatisfied"},
    {"key": "not_refused", "dimension": "feedback", "label": {"en": "Resolutions not refused", "hi": "अस्वीकृत न हुए समाधान"}, "weight": 1,
     "numerator": ["reopened_after_resolution"], "denominator": ["resolved"], "invert": true, "drill": "reopenedAfterResolution"},
    {"key": "proof", "dimension": "domain", "label": {"en": "Resolved with proof of action", "hi": "प्रमाण सहित समाधान"}, "weight": 1,
     "numerator": ["resolved_with_proof"], "denominator": ["resolved"], "drill": "resolvedWithoutProof"},
    {"key": "old_cases", "dimension": "domain", "label": {"en": "Old cases (over 50 days) closed satisfied", "hi": "पुराने मामलों का संतोषजनक निपटान"}, "weight": 1,
     "numerator": ["satisfied_over50"], "denominator": ["disposed_over50"], "drill": "satisfiedOver50"},
    {"key": "attended", "dimension": "commitment", "label": {"en": "Attended before time ran out", "hi": "समय रहते ध्यान"}, "weight": 1,
     "numerator": ["breaches"], "denominator": ["assigned"], "invert": true, "drill": "breaches"},
    {"key": "right_transfers", "dimension": "commitment", "label": {"en": "Transfers that did not come back", "hi": "सही अंतरण"}, "weight": 1,
     "numerator": ["wrong_transfers"], "denominator": ["transfers"], "invert": true, "drill": "wrongTransfers"}
  ],
  "penalties": [
    {"key": "last_hours", "label": {"en": "Resolved in the last hours before the deadline, unusually often", "hi": "समय-सीमा के अंतिम घंटों में असामान्य रूप से अधिक समाधान"},
     "numerator": ["resolved_last_hours"], "denominator": ["resolved_in_time"], "threshold": 0.3, "relativeToAll": 2, "points": 5, "drill": "resolvedLastHours"}
  ],
  "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 60}, {"grade": "C", "min": 40}],
  "lowestGrade": "D",
  "volumeGroups": [
    {"key": "large", "label": {"en": "10,000 or more a year", "hi": "10,000 या अधिक प्रति वर्ष"}, "min": 10000},
    {"key": "medium", "label": {"en": "2,000 to 9,999 a year", "hi": "2,000 से 9,999 प्रति वर्ष"}, "min": 2000},
    {"key": "small", "label": {"en": "Under 2,000 a year", "hi": "2,000 से कम प्रति वर्ष"}, "min": 0}
  ],
  "uniqueOnly": true
}$json$);
