#!/bin/sh
set -e
docker build -t reporter-build -f Dockerfile.build .
docker run -d --name reporter reporter-build sleep 600
docker exec reporter sh -c 'mkdir -p out/bin && id -u > out/report.txt && echo "#!/bin/sh" > out/bin/run && chmod 755 out/bin/run'
docker exec -u 0 -w /home/builder/out reporter sh -c 'echo root-made > bin/root.txt'
docker cp reporter:/home/builder/out/report.txt report.txt
docker cp reporter:/home/builder/out/bin bin
docker rm -f reporter
docker build -t reporter .
