package modelcard

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Metric values in an evaluation section. A number alone is not one: "the
// 25,250 test images", "5 epochs", "4x A10G" or "343 MB" count things, and
// a card that names its metrics next to such numbers still gives no
// result. A value is a percentage ("87.2%"), a decimal that is no size,
// count or version ("0.912", "27.4"), a number right after a metric's name
// ("BLEU 27", "accuracy: 91", "F1 of 0.88"), or a number in a table whose
// header or first cell names a metric.

// metricName names an evaluation metric.
const metricName = `(?:top-?\d+(?:\s+(?:accuracy|acc|error))?|accuracy|acc|f1(?:[- ]score)?|f-1|precision|recall(?:@\d+)?|auc(?:-roc|-pr)?|roc[- ]auc|pr[- ]auc|map(?:@[\d.:]+)?|ap(?:50|75)?|iou|miou|dice|bleu(?:-\d)?|sacrebleu|chrf|rouge(?:-[\dl]+|l)?|meteor|bertscore|wer|cer|word error rate|character error rate|error rate|perplexity|ppl|mse|rmse|mae|mape|smape|r2|r²|psnr|ssim|lpips|fid|clip score|inception score|exact match|em|spearman|pearson|kendall|ndcg(?:@\d+)?|hit(?:rate)?@\d+|mrr(?:@\d+)?|pass@\d+|win rate|matthews|mcc|kappa|log[- ]?loss|brier(?: score)?|eer|mota|motp|pck|hota)`

var (
	metricNameRe = lazyre.New(`(?i)(?:^|[^\p{L}\p{N}_])` + metricName + `(?:$|[^\p{L}\p{N}_])`)
	// metricThenNumberRe: a metric's name, a few joining words or
	// punctuation, then a number (the submatch).
	metricThenNumberRe = lazyre.New(`(?i)(?:^|[^\p{L}\p{N}_])` + metricName +
		`(?:\s*(?:score|of|is|was|=|:|≈|~|\||\*\*|\(|-|–|—|reaches|reached|achieves|achieved)\s*)*\s*([-+]?\d+(?:[.,]\d+)*)`)
	// A number after "@" is a metric's parameter (mAP@0.5, recall@100,
	// pass@1), not its value.
	percentRe = lazyre.New(`(?:^|[^\p{L}\p{N}_.@])\d+(?:[.,]\d+)?\s?%`)
	decimalRe = lazyre.New(`(?:^|[^\p{L}\p{N}_.@:])([-+±]?\d*\.\d+(?:\.\d+)*)`)
	// unitAfterRe: what follows a number that counts or sizes something.
	unitAfterRe = lazyre.New(`(?i)^\s?(?:k|m|b|bn|kb|mb|gb|tb|kib|mib|gib|px|pixels?|x|×|gpus?|tpus?|cpus?|nodes?|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|ms|days?|epochs?|steps?|iterations?|iters?|images?|samples?|examples?|sentences?|tokens?|words?|documents?|utterances?|clips?|files?|rows?|records?|classes?|labels?|categories|params?|parameters?|layers?|heads?|dims?|bits?|fps|hz|khz|years?|people|users?|patients?|subjects?|languages?|dishes?)\b`)
	// versionBeforeRe: a number that is a version of something.
	versionBeforeRe = lazyre.New(`(?i)(?:\bv|\bversion\s*|\bpython\s*|\bpy|\btorch\s*|\bpytorch\s*|\bcuda\s*|\btransformers\s*|\btensorflow\s*|\brelease\s*|\bpython=|==|\bv\.?\s*)$`)
	yearRe          = lazyre.New(`^(?:19|20)\d\d$`)
)

// HasMetricValue reports whether text gives the value of a metric (see
// above): not only numbers that count or size something.
func HasMetricValue(text string) bool {
	if percentRe().MatchString(text) {
		return true
	}
	for _, m := range decimalRe().FindAllStringSubmatchIndex(text, -1) {
		num := text[m[2]:m[3]]
		if strings.Count(num, ".") > 1 || unitAfterRe().MatchString(text[m[3]:]) || versionBeforeRe().MatchString(text[:m[2]]) {
			continue
		}
		return true
	}
	for _, m := range metricThenNumberRe().FindAllStringSubmatchIndex(text, -1) {
		num := text[m[2]:m[3]]
		// The regexp may split a parameter: "mAP@0.5" as "mAP@0." then 5.
		if strings.ContainsRune("0123456789.:@", rune(text[m[2]-1])) {
			continue
		}
		if yearRe().MatchString(num) || unitAfterRe().MatchString(text[m[3]:]) {
			continue
		}
		return true
	}
	return metricTable(text)
}

// metricTable reports a Markdown table with a number in a body cell, whose
// header names a metric or whose row starts with a metric's name.
func metricTable(text string) bool {
	header := ""
	inTable := false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "|") {
			inTable, header = false, ""
			continue
		}
		if !inTable {
			inTable, header = true, t
			continue
		}
		if strings.Trim(t, "|-: ") == "" {
			continue // the delimiter row
		}
		cells := strings.Split(strings.Trim(t, "|"), "|")
		hasNum := false
		for _, c := range cells[1:] {
			c = strings.Trim(strings.TrimSpace(c), "*_`")
			if numberCellRe().MatchString(c) && !yearRe().MatchString(c) {
				hasNum = true
			}
		}
		if hasNum && (metricNameRe().MatchString(header) || metricNameRe().MatchString(cells[0])) {
			return true
		}
	}
	return false
}

var numberCellRe = lazyre.New(`^[-+±]?\d+(?:[.,]\d+)*\s?%?(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)*%?)?$`)

// ModelIndexValues reports whether the front matter's model-index lists a
// metric with both its type and its value (the machine-readable form of
// the section).
func ModelIndexValues(root *yaml.Node) bool {
	mi, _ := Lookup(root, "model-index")
	if mi == nil {
		return false
	}
	found := false
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil || found {
			return
		}
		if n.Kind == yaml.MappingNode {
			typ, val := false, false
			for i := 0; i+1 < len(n.Content); i += 2 {
				v := n.Content[i+1]
				switch n.Content[i].Value {
				case "type":
					typ = v.Kind == yaml.ScalarNode && v.Value != ""
				case "value":
					val = v.Kind == yaml.ScalarNode && v.Value != ""
				}
			}
			if typ && val {
				found = true
				return
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1])
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(mi)
	return found
}

// NamesMetric reports whether text names an evaluation metric.
func NamesMetric(text string) bool { return metricNameRe().MatchString(text) }
