#!/bin/bash
sudo docker build -t chain:build -f Dockerfile.build . && \
  sudo docker create --name chain-x chain:build && \
  sudo docker cp chain-x:/out/chain ./chain && \
  sudo docker rm chain-x
sudo docker build -t chain:latest . && echo "built chain:latest"
rm -f ./chain # tidy up
