package scorecard

import (
	"fmt"
	"html"
	"strings"
)

// BadgeOptions tunes the SVG badge.
type BadgeOptions struct {
	Label string // left text; default "reproducibility"
}

// BadgeColor is the badge's right-hand colour for a score.
func BadgeColor(percent int) string {
	switch {
	case percent >= 90:
		return "#4c1" // bright green
	case percent >= 75:
		return "#97ca00"
	case percent >= 60:
		return "#dfb317"
	case percent >= 40:
		return "#fe7d37"
	}
	return "#e05d44"
}

// textWidth estimates the width in pixels of s in 11px Verdana, the
// badge font, from per-character advance widths (as shields.io does).
func textWidth(s string) int {
	w := 0.0
	for _, c := range s {
		switch {
		case strings.ContainsRune("il.:|!'", c):
			w += 3.9
		case strings.ContainsRune("fjrt()[] -", c):
			w += 5.0
		case c >= 'A' && c <= 'Z' || c == '%' || c == 'm' || c == 'w':
			w += 9.0
		case c >= '0' && c <= '9':
			w += 7.0
		default:
			w += 6.9
		}
	}
	return int(w + 0.5)
}

// Badge returns an SVG "reproducibility | 75%" badge in the flat style.
func Badge(percent int, o BadgeOptions) []byte {
	label := o.Label
	if label == "" {
		label = "reproducibility"
	}
	value := fmt.Sprintf("%d%%", percent)
	lw, vw := textWidth(label)+10, textWidth(value)+10
	total := lw + vw
	color := BadgeColor(percent)
	l, v := html.EscapeString(label), html.EscapeString(value)
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%[1]d" height="20" role="img" aria-label="%[2]s: %[3]s">
<title>%[2]s: %[3]s</title>
<linearGradient id="s" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="%[1]d" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="%[4]d" height="20" fill="#555"/><rect x="%[4]d" width="%[5]d" height="20" fill="%[6]s"/><rect width="%[1]d" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="%[7]d" y="15" fill="#010101" fill-opacity=".3">%[2]s</text><text x="%[7]d" y="14">%[2]s</text>
<text x="%[8]d" y="15" fill="#010101" fill-opacity=".3">%[3]s</text><text x="%[8]d" y="14">%[3]s</text>
</g>
</svg>
`, total, l, v, lw, vw, color, lw/2, lw+vw/2)
	return []byte(svg)
}
