#!/bin/bash
sudo docker build -t chain:latest . && echo "built chain:latest"
