@echo off
rem usage: extract.cmd IMAGE CONTAINER-PATH HOST-PATH
