"""Windows: cmd and PowerShell scripts, and Windows images (MIG190-MIG199, MIG290)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG190",
            "A cmd script jumps with goto in a way the trace cannot follow: back to an earlier label (a loop), "
            "or under a condition that is not a failure check. Which commands run, and how often, is only "
            "known when the script runs.",
            "# build.cmd\n:retry\nset /a TRIES+=1\ndocker create --name app-x app-sdk\n"
            "if errorlevel 1 if %TRIES% lss 3 goto retry",
            "Write the flow's commands once, in order, without the loop (`docker create … || exit /b 1`)."),
    RuleDoc("MIG191",
            "Two paths of the flow differ only by case (`Out` and `out`). Windows takes them for one path; "
            "the trace, which keeps the repository's spelling, would take them for two and could follow the "
            "wrong one.",
            "# build.cmd\nmkdir Out\ndocker cp app-x:/out/app out\\app",
            "Spell each path the same way everywhere, as the checkout spells it."),
    RuleDoc("MIG192",
            "On Windows a one-letter name before a colon is a drive: `docker cp c:/out/app app` copies between "
            "two host paths, not out of a container named c.",
            "# build.cmd\ndocker create --name c app-sdk\ndocker cp c:/out/app app",
            "Give the container a name longer than one letter (`--name app-x`)."),
    RuleDoc("MIG193",
            "A command of a cmd or PowerShell script is not traced: a `for` or another block the walk does not "
            "follow that names a docker command or an extracted file, a command run apart from the script "
            "(`start`, Start-Process), or PowerShell syntax the reader does not know. What it does to the flow "
            "is unknown.",
            "# build.cmd\ndocker cp app-x:/out out\nfor %%f in (out\\out\\*) do copy /y %%f . >nul",
            "Name the files one command each (`copy /y out\\out\\app .`), and run docker commands in the script "
            "itself, in order."),
    RuleDoc("MIG194",
            "A docker command of the flow runs inside `try`. Whether a failing native command reaches `catch` "
            "depends on the PowerShell version ($PSNativeCommandUseErrorActionPreference, 7.3 and later), so "
            "which commands run cannot be told.",
            "# build.ps1\ntry {\n    docker build -t app-sdk -f Dockerfile.build .\n    $id = docker create app-sdk\n"
            "} catch {\n    exit 1\n}",
            "Take the flow's commands out of `try` and check `$LASTEXITCODE` after each "
            "(`if ($LASTEXITCODE -ne 0) { exit 1 }`)."),
    RuleDoc("MIG195",
            "The builder builds a Linux image and the runtime a Windows one (or the other way round). One "
            "multi-stage build runs on one platform, so the two cannot be merged.",
            "# Dockerfile.build\nFROM gcc:12\n# Dockerfile\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022",
            "Keep the builder pattern for this repository, or build both images on the same platform."),
    RuleDoc("MIG196",
            "The Dockerfile sets the backtick as its escape character, a mark of Windows Dockerfiles, but its "
            "base image cannot be told (an ARG without a default). On a Windows image COPY takes no --chown, on a "
            "Linux one the merged COPY needs it, so the merged file cannot be written.",
            "# Dockerfile\n# escape=`\nARG BASE\nFROM $BASE",
            "Give the ARG a default (`ARG BASE=mcr.microsoft.com/windows/nanoserver:ltsc2022`), or drop the "
            "escape directive from a Linux Dockerfile."),
    RuleDoc("MIG197",
            "The builder and the runtime Dockerfiles use different escape characters (`\\` and the backtick). "
            "The merged Dockerfile has one, so the lines of one of them would be read differently.",
            "# Dockerfile.build\n# escape=`\nFROM gcc:12\n# Dockerfile   (no escape directive)\nFROM busybox:1.36",
            "Use the same escape directive in both files (and the line continuations it implies)."),
    RuleDoc("MIG198",
            "The host renamed an extracted file, and the runtime COPY's destination may be a folder, so only "
            "the host's name gives the same result. migrator gives that name through a `FROM scratch` stage, "
            "which a Windows image cannot have.",
            "# build.cmd\ndocker cp app-x:C:\\out\\app.exe tool.exe\n# Dockerfile\nCOPY tool.exe C:\\app",
            "Copy the file out under the name it has in the container (`docker cp app-x:C:\\out\\app.exe "
            "app.exe`, then `COPY app.exe C:\\app`), and rename it in the Dockerfile if needed."),
    RuleDoc("MIG199",
            "The host sets a file's mode (`chmod 0755`) before the runtime COPY reads it. A Windows image keeps "
            "no Unix modes and COPY --chmod does not exist there, so the merged COPY cannot carry it.",
            "# build.sh   (the runtime is FROM mcr.microsoft.com/windows/nanoserver)\ncp -p start.cmd stage/\n"
            "chmod 0755 stage/start.cmd",
            "Remove the chmod: a Windows image ignores it."),
    RuleDoc("MIG290",
            "The legacy flow ran on Windows (a cmd or PowerShell script) and built a Linux image. A build "
            "context sent from Windows has no Unix modes, so the extracted files reached the image as 0755 or "
            "0666, depending on the Docker client; COPY --from keeps the modes the builder made.",
            "# build.cmd\ndocker cp app-x:/out/app app\ndocker build -t app .",
            "Check the modes of the copied files in the new image (`migrate verify`), and set them in the "
            "builder (`RUN chmod 0755 /out/app`) if they matter."),
)
