module cdcq.local/leveldump

go 1.22

require github.com/syndtr/goleveldb v1.0.1-0.20210305035536-64b5b1c73954

require github.com/golang/snappy v0.0.1 // indirect
