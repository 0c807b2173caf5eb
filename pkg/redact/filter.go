package redact

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"k8s.io/klog/v2"
)

// sensitiveKey matches structured-log keys whose value is a credential as a
// whole, e.g. klog.InfoS("…", "token", t).
var sensitiveKey = regexp.MustCompile(`^` + tokenKey + `$|^(?i:authorization|password)$`)

// Filter masks the patterns String knows and every registered secret. It
// implements klog.LogFilter and is safe for concurrent use.
type Filter struct {
	mu       sync.RWMutex
	secrets  map[string]struct{}
	replacer *strings.Replacer // rebuilt on Add; nil while nothing is registered
}

var _ klog.LogFilter = (*Filter)(nil)

// NewFilter returns a Filter with no registered secrets.
func NewFilter() *Filter {
	return &Filter{secrets: map[string]struct{}{}}
}

// Add registers secrets to be masked wherever they appear. An
// Authorization value ("Bearer x", "Basic x") is registered by the
// credential after its scheme; the base64 form, as a Secret's data shows
// it, is registered too. Empty values are ignored.
func (f *Filter) Add(secrets ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.secrets == nil {
		f.secrets = map[string]struct{}{}
	}
	for _, s := range secrets {
		for _, v := range secretForms(s) {
			f.secrets[v] = struct{}{}
		}
	}
	f.replacer = newReplacer(f.secrets)
}

// secretForms lists the strings under which a secret may show up in a log:
// the credential itself, without an Authorization scheme (so that the scheme
// stays readable in a masked header), and its base64 form.
func secretForms(secret string) []string {
	bare := strings.TrimSpace(secret)
	for _, scheme := range []string{"Bearer ", "Basic "} {
		bare = strings.TrimSpace(strings.TrimPrefix(bare, scheme))
	}
	if bare == "" {
		return nil
	}
	return []string{bare, base64.StdEncoding.EncodeToString([]byte(bare))}
}

// newReplacer masks the longest secrets first so a secret that contains
// another is masked whole.
func newReplacer(secrets map[string]struct{}) *strings.Replacer {
	sorted := make([]string, 0, len(secrets))
	for s := range secrets {
		sorted = append(sorted, s)
	}
	sort.Slice(sorted, func(i, j int) bool {
		if len(sorted[i]) != len(sorted[j]) {
			return len(sorted[i]) > len(sorted[j])
		}
		return sorted[i] < sorted[j]
	})
	pairs := make([]string, 0, 2*len(sorted))
	for _, s := range sorted {
		pairs = append(pairs, s, Mask)
	}
	return strings.NewReplacer(pairs...)
}

// String masks the registered secrets and the patterns String knows.
func (f *Filter) String(s string) string {
	f.mu.RLock()
	r := f.replacer
	f.mu.RUnlock()
	if r != nil {
		s = r.Replace(s)
	}
	return String(s)
}

// Filter masks each argument of klog.Info and friends, then the text they
// print together, so that a secret split over two arguments is caught too.
func (f *Filter) Filter(args []interface{}) []interface{} {
	masked := f.values(args)
	joined := fmt.Sprint(masked...)
	if safe := f.String(joined); safe != joined {
		return []interface{}{safe}
	}
	return masked
}

// FilterF masks a klog.Infof call. The message is formatted first so that a
// secret put together by the format and its arguments is caught; when there
// is nothing to mask the call is left as it was.
func (f *Filter) FilterF(format string, args []interface{}) (string, []interface{}) {
	text := fmt.Sprintf(format, args...)
	if safe := f.String(text); safe != text {
		return "%s", []interface{}{safe}
	}
	return format, args
}

// FilterS masks a klog.InfoS call: the message, and each value, whole when
// its key names a credential.
func (f *Filter) FilterS(msg string, keysAndValues []interface{}) (string, []interface{}) {
	out := make([]interface{}, len(keysAndValues))
	for i, v := range keysAndValues {
		if i%2 == 1 && isSensitiveKey(keysAndValues[i-1]) && v != nil {
			out[i] = Mask
			continue
		}
		out[i] = f.value(v)
	}
	return f.String(msg), out
}

func isSensitiveKey(key interface{}) bool {
	s, ok := key.(string)
	return ok && sensitiveKey.MatchString(s)
}

func (f *Filter) values(args []interface{}) []interface{} {
	out := make([]interface{}, len(args))
	for i, v := range args {
		out[i] = f.value(v)
	}
	return out
}

// value masks one log argument. A non-string is replaced by its masked text
// only when masking changed something, so log formatting of ordinary values
// (numbers, objects) stays as klog would print it.
func (f *Filter) value(v interface{}) interface{} {
	text, ok := textOf(v)
	if !ok {
		return v
	}
	safe := f.String(text)
	if _, isString := v.(string); isString || safe != text {
		return safe
	}
	return v
}

// textOf renders v the way a log line would show it. fmt is used for
// errors and Stringers because it survives their nil-pointer panics.
func textOf(v interface{}) (string, bool) {
	switch t := v.(type) {
	case nil:
		return "", false
	case string:
		return t, true
	case []byte:
		return string(t), true
	default:
		return fmt.Sprintf("%+v", t), true
	}
}
