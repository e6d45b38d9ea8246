#!/bin/sh
# Bootstrap pip on images that ship without it.
wget https://raw.githubusercontent.com/pypa/get-pip/main/public/get-pip.py && python3 get-pip.py --user
python3 -m pip install --user -r requirements.txt
