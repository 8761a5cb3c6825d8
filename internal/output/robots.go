package output

import (
	"portal/internal/site"
)

// Robots writes robots.txt, which lets crawlers in and names the sitemap.
func (e *Emitter) Robots(s *site.Site) { e.Write(RobotsPath, robots(s)) }

// robots lets every crawler in and names the sitemap.
func robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("/"+SitemapPath) + "\n")
}
