package content

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// decodeSimpleYAML decodes front matter written the way nearly every page
// writes it, one "key: value" per line, without yaml.v3, which costs
// several times more than reading the file. Values may be a double-quoted
// string without escapes, a flow list of such strings, a decimal integer,
// true or false, or a date (for the date keys); anything else (comments, block lists, nested
// maps, plain strings, escapes, duplicate keys, blank lines, unusual
// spacing or characters) makes ok false and the caller asks yaml.v3. When
// ok, the map is exactly what decodeYAMLFull returns for the same text;
// TestSimpleYAMLMatchesYAML and FuzzSimpleYAML check that.
func decodeSimpleYAML(text []byte) (m map[string]any, ok bool) {
	m = make(map[string]any, 8)
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		key, rest, ok := simpleKey(line)
		if !ok {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false
		}
		v, ok := simpleValue(key, rest)
		if !ok {
			return nil, false
		}
		m[key] = v
	}
	return m, true
}

// simpleKey splits "key: value" where key is a plain YAML string that
// cannot be read as anything else.
func simpleKey(line []byte) (key string, rest []byte, ok bool) {
	i := 0
	for i < len(line) && i <= 64 {
		c := line[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	if i == 0 || i > 64 || i+2 > len(line) || line[i] != ':' || line[i+1] != ' ' {
		return "", nil, false
	}
	switch k := string(line[:i]); k {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		// YAML reads these keys as a bool or null, not as a string.
		return "", nil, false
	default:
		return k, line[i+2:], true
	}
}

// simpleValue decodes the value of key.
func simpleValue(key string, v []byte) (any, bool) {
	if len(v) == 0 {
		return nil, false
	}
	switch c := v[0]; {
	case c == '"':
		s, n, ok := quoted(v)
		if !ok || n != len(v) {
			return nil, false
		}
		return s, true
	case c == '[':
		return flowList(v)
	case c == '-' || c >= '0' && c <= '9':
		if isDate(v) {
			// decodeYAMLFull keeps the text of the date keys, which
			// ParseDate reads in the site's time zone; yaml.v3 would make
			// other keys' dates a time.Time, so those are left to it.
			if !dateKeys[key] {
				return nil, false
			}
			return string(v), true
		}
		return decimal(v)
	case string(v) == "true":
		return true, true
	case string(v) == "false":
		return false, true
	}
	return nil, false
}

// quoted reads a double-quoted string at the start of v and returns it and
// the bytes it spans. Only text that YAML takes literally is accepted: no
// escapes, no control characters, and no characters YAML 1.1 treats as
// line breaks (NEL, U+2028, U+2029) or refuses (BOM, non-characters); the
// other characters are limited to U+00A0–U+D7FF, which every page needs.
func quoted(v []byte) (string, int, bool) {
	for i := 1; i < len(v); {
		c := v[i]
		switch {
		case c == '"':
			return string(v[1:i]), i + 1, true
		case c == '\\' || c < 0x20 || c == 0x7f:
			return "", 0, false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(v[i:])
			if r < 0xA0 || r > 0xD7FF || r == 0x2028 || r == 0x2029 {
				return "", 0, false
			}
			i += size
		}
	}
	return "", 0, false
}

// flowList reads ["a", "b"], with exactly ", " between items.
func flowList(v []byte) (any, bool) {
	items := []any{}
	if string(v) == "[]" {
		return items, true
	}
	i := 1
	for {
		if i >= len(v) || v[i] != '"' {
			return nil, false
		}
		s, n, ok := quoted(v[i:])
		if !ok {
			return nil, false
		}
		items = append(items, s)
		i += n
		switch {
		case i == len(v)-1 && v[i] == ']':
			return items, true
		case i+2 < len(v) && v[i] == ',' && v[i+1] == ' ':
			i += 2
		default:
			return nil, false
		}
	}
}

// isDate matches 2006-01-02, optionally followed by T15:04:05 and then
// optionally by Z or a ±07:00 offset.
func isDate(v []byte) bool {
	const date, clock, zone = "0000-00-00", "T00:00:00", "+00:00"
	match := func(b []byte, pattern string) bool {
		if len(b) < len(pattern) {
			return false
		}
		for i := range len(pattern) {
			p, c := pattern[i], b[i]
			switch {
			case p == '0':
				if c < '0' || c > '9' {
					return false
				}
			case p == '+':
				if c != '+' && c != '-' {
					return false
				}
			case c != p:
				return false
			}
		}
		return true
	}
	if !match(v, date) {
		return false
	}
	v = v[len(date):]
	if len(v) == 0 {
		return true
	}
	if !match(v, clock) {
		return false
	}
	v = v[len(clock):]
	return len(v) == 0 || string(v) == "Z" || len(v) == len(zone) && match(v, zone)
}

// decimal reads an integer without sign, leading zeros or underscores,
// small enough to be an int everywhere.
func decimal(v []byte) (any, bool) {
	digits := v
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 9 || digits[0] == '0' && len(v) > 1 {
		return nil, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return nil, false
		}
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return nil, false
	}
	return n, true
}
