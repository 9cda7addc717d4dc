#pragma once
// Internal: the report at every scale (docs/report.md, "Large organizations"):
// the collapsed chain above the drawing limit, the impact ranking by group and
// the drawing of one group's subtree on request. Kept apart from html.cpp so
// the report's sections can be reworked without touching these.
#include <optional>
#include <string>

#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/report/html.hpp"

namespace servicechain::report_detail {

/// The collapsed view the report shows (input.group_depth, or above
/// input.max_drawn_units the deepest depth with at most input.max_groups groups),
/// nullopt for the full chain.
std::optional<CollapsedChain> report_collapsed_view(const HtmlReportInput &input);

/// The sentence that says the report shows the full chain.
std::string full_view_statement(const HtmlReportInput &input);

/// The #chain section of a collapsed view: which view it is, the drawing of the
/// groups (never wider than the page), `legend` (the colour scale).
void collapsed_chain_section(std::string &out, const HtmlReportInput &input, const CollapsedChain &collapsed,
                             const std::string &legend);

/// The #impact-groups section: group impacts, highest first, with the top units inside each.
void group_impact_section(std::string &out, const HtmlReportInput &input, const CollapsedChain &collapsed);

/// One #detail-<id> section per id of input.detail: its subtree drawn in full,
/// or collapsed within the subtree when larger than input.max_drawn_units.
void detail_sections(std::string &out, const HtmlReportInput &input, const std::string &legend);

/// The chain's DOT export with edge labels as large as the boxes' (its 10 pt read as 7 px on a page).
void enlarge_edge_labels(std::string &dot);
/// CSS px per point to show a Graphviz drawing: 0.75, or less to fit the page's width.
double drawing_scale(const std::string &svg);
/// The width Graphviz gave its drawing, in points (0 when unknown).
double graphviz_width_pt(const std::string &svg);
/// In Spanish, the numbers Graphviz wrote in the drawing's labels ("q = 0.733") with a decimal comma.
void localize_svg_numbers(std::string &svg, Language language);
/// Graphviz sizes its drawing in points; shown at `px_per_pt` CSS pixels per point.
void display_graphviz_size(std::string &svg, double px_per_pt);

}  // namespace servicechain::report_detail
