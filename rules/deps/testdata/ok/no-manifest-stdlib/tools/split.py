import argparse, csv, json, random
import tomllib
import distutils.util
import asyncore
from __future__ import annotations
from tools.common import read_rows
import setuptools
