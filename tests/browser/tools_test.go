// Package browser_test is the browser quality gate of the portal: it serves a
// built site on the loopback interface, drives headless Chromium over it and
// checks accessibility (axe-core), phone and desktop layouts, keyboard use,
// the console, requests to other hosts and HTML validity (the Nu checker).
package browser_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// gateTools are the programs and files the gate needs, all found on disk.
type gateTools struct {
	chromium string // browser binary
	axeJS    []byte // axe-core, evaluated in each page
	vnuJar   string // the Nu HTML checker
	java     string // runs vnuJar
}

// requireTools finds the tools or ends the test as testkit.Need says:
// skipped with -short, failed without it (or under CI=true), with one line
// naming what is missing and how to install it.
func requireTools(t testing.TB) gateTools {
	t.Helper()
	tools, err := findTools(".")
	testkit.Need(t, "browser gate", err, testkit.InstallBrowserTools)
	return tools
}

// findTools looks for the tools; dir is the tests/browser folder, where
// npm ci puts node_modules.
func findTools(dir string) (gateTools, error) {
	var tools gateTools
	var missing []string
	if fi, err := os.Stat(testkit.ChromiumPath); err != nil || fi.IsDir() {
		missing = append(missing, testkit.ChromiumPath+" not found")
	} else {
		tools.chromium = testkit.ChromiumPath
	}
	axePath := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(axePath); err != nil {
		missing = append(missing, "axe-core not installed ("+axePath+")")
	} else {
		tools.axeJS = b
	}
	jar, err := filepath.Abs(filepath.Join(dir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	if err != nil {
		return tools, fmt.Errorf("locate vnu.jar: %w", err)
	}
	if _, err := os.Stat(jar); err != nil {
		missing = append(missing, "vnu-jar not installed ("+jar+")")
	} else {
		tools.vnuJar = jar
	}
	if java, err := exec.LookPath("java"); err != nil {
		missing = append(missing, "java not found on PATH")
	} else {
		tools.java = java
	}
	if len(missing) > 0 {
		return tools, errors.New(strings.Join(missing, "; "))
	}
	return tools, nil
}
