#!/usr/bin/env bash
# Installs and starts what the test suite needs (placeholder: filled by the storage work).
exit 0
