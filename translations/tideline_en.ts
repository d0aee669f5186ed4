<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLine</name>
    <message numerus="yes">
        <location filename="../src/cli/CommandLine.cpp" line="+152"/>
        <source>&apos;%1&apos; takes %n argument(s), got %2</source>
        <extracomment>%1 is the command, %n how many arguments it takes, %2 how many were given.</extracomment>
        <translation>
            <numerusform>&apos;%1&apos; takes %n argument, got %2</numerusform>
            <numerusform>&apos;%1&apos; takes %n arguments, got %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>&apos;%1&apos; takes %2 to %n argument(s), got %3</source>
        <extracomment>%1 is the command, %2 to %n the range of arguments it takes, %3 how many were given.</extracomment>
        <translation>
            <numerusform>&apos;%1&apos; takes %2 to %n argument, got %3</numerusform>
            <numerusform>&apos;%1&apos; takes %2 to %n arguments, got %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CronSchedule</name>
    <message numerus="yes">
        <location filename="../engine/k8s/CronSchedule.cpp" line="+537"/>
        <source>The schedule has %n field(s); CNPG reads six, seconds first, or five, leaving out the day of week</source>
        <translation>
            <numerusform>The schedule has %n field; CNPG reads six, seconds first, or five, leaving out the day of week</numerusform>
            <numerusform>The schedule has %n fields; CNPG reads six, seconds first, or five, leaving out the day of week</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message numerus="yes">
        <location filename="../engine/doctor/Doctor.cpp" line="+260"/>
        <source>%1 lists %2 (%n entries at the first level)</source>
        <translation>
            <numerusform>%1 lists %2 (%n entry at the first level)</numerusform>
            <numerusform>%1 lists %2 (%n entries at the first level)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%n server(s): %1</source>
        <translation>
            <numerusform>%n server: %1</numerusform>
            <numerusform>%n servers: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+302"/>
        <source>%n replication rule(s) enabled</source>
        <translation>
            <numerusform>%n replication rule enabled</numerusform>
            <numerusform>%n replication rules enabled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+161"/>
        <source>%n finished base backup(s) and no WAL archive: only the instants the backups ended can be restored</source>
        <translation>
            <numerusform>%n finished base backup and no WAL archive: only the instants the backups ended can be restored</numerusform>
            <numerusform>%n finished base backups and no WAL archive: only the instants the backups ended can be restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n finished base backup(s) with a WAL archive</source>
        <translation>
            <numerusform>%n finished base backup with a WAL archive</numerusform>
            <numerusform>%n finished base backups with a WAL archive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n backup(s) uploading now</source>
        <translation>
            <numerusform>%n backup uploading now</numerusform>
            <numerusform>%n backups uploading now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n backup(s) without backup.info: %1 (%2)</source>
        <translation>
            <numerusform>%n backup without backup.info: %1 (%2)</numerusform>
            <numerusform>%n backups without backup.info: %1 (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>%1 made %n backup(s) obsolete more than a day ago, still in the bucket: %2</source>
        <translation>
            <numerusform>%1 made %n backup obsolete more than a day ago, still in the bucket: %2</numerusform>
            <numerusform>%1 made %n backups obsolete more than a day ago, still in the bucket: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n backup(s) in the bucket have no Backup resource (%1 held): %2</source>
        <translation>
            <numerusform>%n backup in the bucket has no Backup resource (%1 held): %2</numerusform>
            <numerusform>%n backups in the bucket have no Backup resource (%1 held): %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n drill(s) run here, none passed</source>
        <translation>
            <numerusform>%n drill run here, none passed</numerusform>
            <numerusform>%n drills run here, none passed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillJob</name>
    <message numerus="yes">
        <location filename="../engine/restore/DrillJob.cpp" line="+588"/>
        <source>%n WAL prefetcher(s) did not stop</source>
        <translation>
            <numerusform>%n WAL prefetcher did not stop</numerusform>
            <numerusform>%n WAL prefetchers did not stop</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillsCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/DrillsCommand.cpp" line="+43"/>
        <source>%n drill(s), %1 passed; last passing drill: %2
</source>
        <extracomment>%n is the number of drills, %1 how many passed, %2 a date or &quot;-&quot;.</extracomment>
        <translation>
            <numerusform>%n drill, %1 passed; last passing drill: %2
</numerusform>
            <numerusform>%n drills, %1 passed; last passing drill: %2
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/EventsCommand.cpp" line="+50"/>
        <source>%n subtransaction(s)</source>
        <extracomment>%1 is a number of subtransactions</extracomment>
        <translation>
            <numerusform>%n subtransaction</numerusform>
            <numerusform>%n subtransactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+149"/>
        <source>%n record(s) of a known kind had data that did not parse and were left out</source>
        <translation>
            <numerusform>%n record of a known kind had data that did not parse and was left out</numerusform>
            <numerusform>%n records of a known kind had data that did not parse and were left out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/PlanCommand.cpp" line="+49"/>
        <source>%n segment(s), %1 .. %2, %3</source>
        <translation>
            <numerusform>%n segment, %1 .. %2, %3</numerusform>
            <numerusform>%n segments, %1 .. %2, %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreJob</name>
    <message numerus="yes">
        <location filename="../engine/restore/RestoreJob.cpp" line="+619"/>
        <source>downloaded %1, written %2 (%n file(s)) in %3</source>
        <translation>
            <numerusform>downloaded %1, written %2 (%n file) in %3</numerusform>
            <numerusform>downloaded %1, written %2 (%n files) in %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/RetentionCommand.cpp" line="+260"/>
        <source>Deleted %n objects (%1 backups).</source>
        <translation>
            <numerusform>Deleted %n object (%1 backups).</numerusform>
            <numerusform>Deleted %n objects (%1 backups).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>retention deleted the backups but %n WAL files stayed</source>
        <translation>
            <numerusform>retention deleted the backups but %n WAL file stayed</numerusform>
            <numerusform>retention deleted the backups but %n WAL files stayed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>retention stopped at backup %1: %n objects could not be deleted</source>
        <translation>
            <numerusform>retention stopped at backup %1: %n object could not be deleted</numerusform>
            <numerusform>retention stopped at backup %1: %n objects could not be deleted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionPlanner</name>
    <message numerus="yes">
        <location filename="../engine/retention/RetentionPlanner.cpp" line="+174"/>
        <source>one of the %n newest backups</source>
        <translation>
            <numerusform>the %n newest backup</numerusform>
            <numerusform>one of the %n newest backups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>older than the %n newest backups</source>
        <translation>
            <numerusform>older than the %n newest backup</numerusform>
            <numerusform>older than the %n newest backups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>S3Store</name>
    <message numerus="yes">
        <location filename="../engine/storage/S3Transport.cpp" line="+388"/>
        <source>%1 failed after %n attempts: %2</source>
        <translation>
            <numerusform>%1 failed after %n attempt: %2</numerusform>
            <numerusform>%1 failed after %n attempts: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../engine/storage/S3Store.cpp" line="+432"/>
        <source>deleting %n objects from s3://%1</source>
        <translation>
            <numerusform>deleting %n object from s3://%1</numerusform>
            <numerusform>deleting %n objects from s3://%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerCatalog</name>
    <message numerus="yes">
        <location filename="../engine/catalog/ServerCatalog.cpp" line="+130"/>
        <source>backup %1 cannot be restored: %3 WAL segment(s) it needs are missing, the first %2</source>
        <extracomment>%3 is how many WAL segments are missing, %2 the first missing one.</extracomment>
        <translation>
            <numerusform>backup %1 cannot be restored: %3 WAL segment it needs is missing, the first %2</numerusform>
            <numerusform>backup %1 cannot be restored: %3 WAL segments it needs are missing, the first %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+267"/>
        <source>backups of %n different PostgreSQL clusters share the server name %1: %2. Two clusters are writing to one place (CNPG&apos;s &quot;Expected empty archive&quot; situation); give each its own serverName</source>
        <translation>
            <numerusform>backups of %n different PostgreSQL clusters share the server name %1: %2. Two clusters are writing to one place (CNPG&apos;s &quot;Expected empty archive&quot; situation); give each its own serverName</numerusform>
            <numerusform>backups of %n different PostgreSQL clusters share the server name %1: %2. Two clusters are writing to one place (CNPG&apos;s &quot;Expected empty archive&quot; situation); give each its own serverName</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>backup %1 has no backup.info: it never finished (%n objects, %2 bytes)</source>
        <translation>
            <numerusform>backup %1 has no backup.info: it never finished (%n object, %2 bytes)</numerusform>
            <numerusform>backup %1 has no backup.info: it never finished (%n objects, %2 bytes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%n objects under wals/ are not WAL files and were ignored</source>
        <translation>
            <numerusform>%n object under wals/ is not a WAL file and was ignored</numerusform>
            <numerusform>%n objects under wals/ are not WAL files and were ignored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n WAL segments are archived more than once (different compressions); the first copy counts</source>
        <translation>
            <numerusform>%n WAL segment is archived more than once (different compressions); the first copy counts</numerusform>
            <numerusform>%n WAL segments are archived more than once (different compressions); the first copy counts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/StatusCommand.cpp" line="+105"/>
        <source>%n gap(s), %1 harmless</source>
        <extracomment>%n gaps in all, %1 of them harmless (older than every backup that needs them)</extracomment>
        <translation>
            <numerusform>%n gap, %1 harmless</numerusform>
            <numerusform>%n gaps, %1 harmless</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TarExtractor</name>
    <message numerus="yes">
        <location filename="../engine/restore/TarExtractor.cpp" line="+230"/>
        <source>the archive ends after %n file(s) without its end-of-archive marker: it was cut short</source>
        <translation>
            <numerusform>the archive ends after %n file without its end-of-archive marker: it was cut short</numerusform>
            <numerusform>the archive ends after %n files without its end-of-archive marker: it was cut short</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>bad header checksum after %n file(s)</source>
        <translation>
            <numerusform>bad header checksum after %n file</numerusform>
            <numerusform>bad header checksum after %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/VerifyCommand.cpp" line="+66"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n backup(s) not DONE (failed or unfinished) were left out; name one to check it</source>
        <translation>
            <numerusform>%n backup not DONE (failed or unfinished) was left out; name it to check it</numerusform>
            <numerusform>%n backups not DONE (failed or unfinished) were left out; name one to check it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WalsCommand</name>
    <message numerus="yes">
        <location filename="../src/cli/WalsCommand.cpp" line="+52"/>
        <source>timeline %1: %n missing segment(s) %2 .. %3 (harmless: older than every backup that needs it)</source>
        <translation>
            <numerusform>timeline %1: %n missing segment %2 .. %3 (harmless: older than every backup that needs it)</numerusform>
            <numerusform>timeline %1: %n missing segments %2 .. %3 (harmless: older than every backup that needs it)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>timeline %1: %n missing segment(s) %2 .. %3 (recovery cannot cross it)</source>
        <translation>
            <numerusform>timeline %1: %n missing segment %2 .. %3 (recovery cannot cross it)</numerusform>
            <numerusform>timeline %1: %n missing segments %2 .. %3 (recovery cannot cross it)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::BackupHistoryView</name>
    <message numerus="yes">
        <location filename="../src/views/BackupHistoryView.cpp" line="+123"/>
        <source>&lt;b&gt;%n&lt;/b&gt; backup(s) of &lt;b&gt;%1&lt;/b&gt; · %2 restorable · %3 need attention</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; backup of &lt;b&gt;%1&lt;/b&gt; · %2 restorable · %3 need attention</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; backups of &lt;b&gt;%1&lt;/b&gt; · %2 restorable · %3 need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::BucketTreeModel</name>
    <message numerus="yes">
        <location filename="../src/models/BucketTreeModel.cpp" line="+153"/>
        <location line="+43"/>
        <source>%n gap(s), %1 harmless</source>
        <translation>
            <numerusform>%n gap, %1 harmless</numerusform>
            <numerusform>%n gaps, %1 harmless</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::ClusterView</name>
    <message numerus="yes">
        <location filename="../src/views/ClusterView.cpp" line="+217"/>
        <source>%1 (%n segment(s) after %2)</source>
        <translation>
            <numerusform>%1 (%n segment after %2)</numerusform>
            <numerusform>%1 (%n segments after %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::ConnectionEditor</name>
    <message numerus="yes">
        <location filename="../src/dialogs/ConnectionEditor.cpp" line="+193"/>
        <source>&lt;b&gt;Connected.&lt;/b&gt; %Ln server(s) under %1: %2</source>
        <translation>
            <numerusform>&lt;b&gt;Connected.&lt;/b&gt; %Ln server under %1: %2</numerusform>
            <numerusform>&lt;b&gt;Connected.&lt;/b&gt; %Ln servers under %1: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::MainWindow</name>
    <message numerus="yes">
        <location filename="../src/app/MainWindow.cpp" line="+541"/>
        <source>%n backup(s)</source>
        <translation>
            <numerusform>%n backup</numerusform>
            <numerusform>%n backups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n timeline(s)</source>
        <translation>
            <numerusform>%n timeline</numerusform>
            <numerusform>%n timelines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>Read %n server(s) of %1.</source>
        <translation>
            <numerusform>Read %n server of %1.</numerusform>
            <numerusform>Read %n servers of %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::OverviewView</name>
    <message numerus="yes">
        <location filename="../src/views/OverviewView.cpp" line="+235"/>
        <source>read %1 in %n request(s)</source>
        <translation>
            <numerusform>read %1 in %n request</numerusform>
            <numerusform>read %1 in %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+97"/>
        <source>%n harmless</source>
        <translation>
            <numerusform>%n harmless</numerusform>
            <numerusform>%n harmless</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n gap(s), %1 harmless: see the WAL archive tab</source>
        <translation>
            <numerusform>%n gap, %1 harmless: see the WAL archive tab</numerusform>
            <numerusform>%n gaps, %1 harmless: see the WAL archive tab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n restorable</source>
        <translation>
            <numerusform>%n restorable</numerusform>
            <numerusform>%n restorable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::PitrTimeline</name>
    <message numerus="yes">
        <location filename="../src/views/PitrTimeline.cpp" line="+390"/>
        <source>%Ln commit(s) in the minute from %1</source>
        <translation>
            <numerusform>%Ln commit in the minute from %1</numerusform>
            <numerusform>%Ln commits in the minute from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>Timeline %1: gap, %Ln segment(s) missing
%2 … %3</source>
        <translation>
            <numerusform>Timeline %1: gap, %Ln segment missing
%2 … %3</numerusform>
            <numerusform>Timeline %1: gap, %Ln segments missing
%2 … %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::PitrView</name>
    <message numerus="yes">
        <location filename="../src/views/PitrView.cpp" line="+557"/>
        <source>WAL needed: %Ln segment(s), %1 → %2</source>
        <translation>
            <numerusform>WAL needed: %Ln segment, %1 → %2</numerusform>
            <numerusform>WAL needed: %Ln segments, %1 → %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln missing (first %1)</source>
        <translation>
            <numerusform>%Ln missing (first %1)</numerusform>
            <numerusform>%Ln missing (first %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::RestoreWizard</name>
    <message numerus="yes">
        <location filename="../src/dialogs/RestoreWizard.cpp" line="+247"/>
        <source>Base backup &lt;b&gt;%1&lt;/b&gt;; timelines %2; WAL %Ln segment(s) from %3; download %4; estimated %5.</source>
        <translation>
            <numerusform>Base backup &lt;b&gt;%1&lt;/b&gt;; timelines %2; WAL %Ln segment from %3; download %4; estimated %5.</numerusform>
            <numerusform>Base backup &lt;b&gt;%1&lt;/b&gt;; timelines %2; WAL %Ln segments from %3; download %4; estimated %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+236"/>
        <source>Drill history of %1: %Ln drill(s), %2 passed.</source>
        <translation>
            <numerusform>Drill history of %1: %Ln drill, %2 passed.</numerusform>
            <numerusform>Drill history of %1: %Ln drills, %2 passed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::RetentionDialog</name>
    <message numerus="yes">
        <location filename="../src/dialogs/RetentionDialog.cpp" line="+225"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %n backup(s) and %2 WAL file(s) go, freeing &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n backup and %2 WAL files go, freeing &lt;b&gt;%3&lt;/b&gt;.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n backups and %2 WAL files go, freeing &lt;b&gt;%3&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Tiers %1 keep %n more backup(s) and release %2.</source>
        <extracomment>%1 the tiers as typed; %n backups newly kept, %2 keeps released</extracomment>
        <translation>
            <numerusform>Tiers %1 keep %n more backup and release %2.</numerusform>
            <numerusform>Tiers %1 keep %n more backups and release %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+125"/>
        <source>Deleted %n object(s): %1 backup(s).</source>
        <translation>
            <numerusform>Deleted %n object: %1 backups.</numerusform>
            <numerusform>Deleted %n objects: %1 backups.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n object(s) stayed (first: %1); apply again to finish.</source>
        <translation>
            <numerusform>%n object stayed (first: %1); apply again to finish.</numerusform>
            <numerusform>%n objects stayed (first: %1); apply again to finish.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::VerifyDialog</name>
    <message numerus="yes">
        <location filename="../src/dialogs/VerifyDialog.cpp" line="+138"/>
        <source>%n problem(s).</source>
        <translation>
            <numerusform>%n problem.</numerusform>
            <numerusform>%n problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n backup(s); WAL: %1 found, %2 missing before every backup, %3 missing where a restore needs them.</source>
        <extracomment>%1 backups, %2 segments found, %3 missing but harmless, %4 missing where a restore needs them</extracomment>
        <translation>
            <numerusform>%n backup; WAL: %1 found, %2 missing before every backup, %3 missing where a restore needs them.</numerusform>
            <numerusform>%n backups; WAL: %1 found, %2 missing before every backup, %3 missing where a restore needs them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n failed or unfinished backup(s) left out.</source>
        <translation>
            <numerusform>%n failed or unfinished backup left out.</numerusform>
            <numerusform>%n failed or unfinished backups left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::WalArchiveView</name>
    <message numerus="yes">
        <location filename="../src/views/WalArchiveView.cpp" line="+153"/>
        <source>&lt;b&gt;%1&lt;/b&gt; segments on %n timeline(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; segments on %n timeline</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; segments on %n timelines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n segment(s) not readable as WAL</source>
        <translation>
            <numerusform>%n segment not readable as WAL</numerusform>
            <numerusform>%n segments not readable as WAL</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n gap(s) that stop replay</source>
        <translation>
            <numerusform>%n gap that stops replay</numerusform>
            <numerusform>%n gaps that stop replay</numerusform>
        </translation>
    </message>
</context>
</TS>
