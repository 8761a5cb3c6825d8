package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStartProfile(t *testing.T) {
	stop, err := startProfile("")
	if err != nil {
		t.Fatal(err)
	}
	stop()
	p := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err = startProfile(p)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if st, err := os.Stat(p); err != nil || st.Size() == 0 {
		t.Fatalf("profile not written: %v, %v", st, err)
	}
	if _, err := startProfile(filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof")); err == nil {
		t.Fatal("a profile in a missing folder was accepted")
	}
}
