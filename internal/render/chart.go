package render

import (
	"portal/internal/chart"
	"portal/internal/content"
	template "portal/internal/template/html"
)

// WithChart adds the chart function, drawing from the site's CSV tables.
func WithChart(extra template.FuncMap, data *content.Data) template.FuncMap {
	m := template.FuncMap{}
	tables := map[string]*chart.Table{}
	if data != nil {
		for name, t := range data.Tables {
			tables[name] = &chart.Table{Name: t.Name, Header: t.Header, Rows: t.Rows}
		}
	}
	// An optional page language ({{ chart .Params .Page.Lang }}) formats
	// the chart for that language.
	m["chart"] = func(args map[string]string, lang ...string) (template.HTML, error) {
		l := "vi"
		if len(lang) > 0 {
			l = lang[0]
		}
		h, err := chart.RenderLang(args, tables, l)
		if err != nil {
			// Every mistake chart reports is in the call's arguments
			// or the data file they name: the editor's to mend.
			return "", &CallError{Msg: err.Error()}
		}
		return h, nil
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}
