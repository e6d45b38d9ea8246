#!/bin/sh
wget -q https://example.org/x.json
