import argparse, csv, json, random
import tomllib
import distutils.util
import asyncore
from __future__ import annotations
from tools.common import read_rows
import setuptools
import cPickle, urllib2
import model_pb2
from protos import service_pb2_grpc
