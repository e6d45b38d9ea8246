package scorecard

import (
	"reflect"
	"testing"
)

func TestParseFROM(t *testing.T) {
	src := `# syntax=docker/dockerfile:1
ARG BASE=python:3.11-slim
ARG CUDA
FROM --platform=$BUILDPLATFORM ${BASE} AS build
RUN pip install \
    numpy==1.26.4
from build as test
FROM nvidia/cuda:${CUDA:-12.1.0}-runtime-ubuntu22.04 \
  AS runtime
COPY --from=build /app /app
FROM ghcr.io/org/img@sha256:abc
`
	got := parseFROM([]byte(src))
	want := []fromStage{
		{Index: 0, Name: "build", Image: "python:3.11-slim", Line: 4},
		{Index: 1, Name: "test", Image: "build", Parent: true, Line: 7},
		{Index: 2, Name: "runtime", Image: "nvidia/cuda:12.1.0-runtime-ubuntu22.04", Line: 8},
		{Index: 3, Image: "ghcr.io/org/img@sha256:abc", Line: 11},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseFROM:\n got %+v\nwant %+v", got, want)
	}
	if n, tag := imageName("localhost:5000/python:3.11@sha256:ff"); n != "localhost:5000/python" || tag != "3.11" {
		t.Errorf("imageName: %q %q", n, tag)
	}
}

func FuzzParseFROM(f *testing.F) {
	f.Add([]byte("ARG A=x\nFROM ${A}:1 AS b\nFROM b\n"))
	f.Add([]byte("FROM \\\n\\\n"))
	f.Add([]byte("FROM --platform=x\nFROM $\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for i, st := range parseFROM(src) {
			if st.Index != i || st.Line < 1 || st.Image == "" {
				t.Fatalf("bad stage %+v", st)
			}
		}
	})
}
