Write-Output "hello from the tools image"
